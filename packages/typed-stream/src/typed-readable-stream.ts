import type { ValueSource } from "./types.js";

/** Anything read like a stream reader: a reader itself, or an iterator adapted to it. */
export interface Pullable<T> {
  read(): IteratorResult<T> | PromiseLike<IteratorResult<T>>;
  cancel(reason?: unknown): unknown;
  /** Whether `read()` has a value at hand, to return synchronously: only a reader in
   * place (see {@link readerOf}) tells. */
  ready?(): boolean;
}

/**
 * Where a {@link Step} (and a flush) writes: the stream's controller, or the array of a
 * stream read in place (see {@link readerOf}).
 */
export interface Sink<U> {
  enqueue(value: U): void;
  close(): void;
}

/** What {@link pump} keeps of each stream it makes, for {@link readerOf}. */
interface Internals<T> {
  /** The stream's pull loop; any sink may receive its values. */
  pull(sink: Sink<T>): Promise<void>;
  /** Whether the stream was pulled through its real controller (read directly), so that
   * values may wait in its queue. */
  started?: boolean;
}

const internals = new WeakMap<ReadableStream<unknown>, Internals<unknown>>();

/**
 * Handles one value read from the source: enqueues into `sink` what it makes of it (zero
 * or more values), or closes it. It says nothing about what it did: {@link pump} sees
 * it. A returned promise (anything else is ignored) is waited for before the next value
 * is read; a thrown error or a rejection errors the stream and cancels the source.
 */
export type Step<T, U> = (value: T, sink: Sink<U>) => unknown;

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}

/**
 * Locks `stream` for good and returns a reader for it. A stream made by {@link pump} that
 * was never read directly is read in place: its pull loop is driven with a sink that
 * collects values in an array, and they are handed over from there, synchronously while
 * any are left. This skips the ReadableStream machinery (a read request, a queue entry
 * and a promise per value), which is most of the cost of a stream of small values, and
 * is why a chain of combinators ending in `for await` runs at nearly the speed of a loop.
 * The lock is never released (values read ahead would be lost), only cancelled.
 */
export function readerOf<T>(stream: ReadableStream<T>): Pullable<T> {
  const reader = stream.getReader();
  const inner = internals.get(stream) as Internals<T> | undefined;
  if (!inner || inner.started) return reader;
  const values: T[] = [];
  let head = 0;
  // 0 while open, 1 once closed, 2 once errored with `failure`.
  let state = 0;
  let failure: unknown;
  let pulling: Promise<void> | undefined;
  const sink: Sink<T> = {
    enqueue: (value) => void values.push(value),
    close() {
      state ||= 1;
    },
  };
  // The array is emptied when its last value is read: it holds one only while one waits.
  const read = (): IteratorResult<T> | Promise<IteratorResult<T>> => {
    if (values.length > 0) {
      const value = values[head++] as T;
      if (head === values.length) values.length = head = 0;
      return { done: false, value };
    }
    if (state) return state > 1 ? Promise.reject(failure) : ({ done: true } as IteratorResult<T>);
    // One pull at a time, even when reads overlap; each read looks again after it.
    pulling ??= inner.pull(sink).then(
      () => {
        pulling = undefined;
      },
      (error: unknown) => {
        pulling = undefined;
        state ||= 2;
        failure = error;
      },
    );
    return pulling.then(read);
  };
  return { read, ready: () => values.length > 0, cancel: (reason) => reader.cancel(reason) };
}

/**
 * A `ReadableStream<T>` with typed combinators and consumers.
 *
 * It is a real `ReadableStream` (a subclass): it can be given to `new Response()`,
 * `pipeTo`, `pipeThrough`, returned from a Workers RPC method, and read with
 * `getReader()`. Each combinator locks this stream and returns a new one that reads it
 * on demand: values flow at the pace of the last consumer, with no buffering added, and
 * cancelling that consumer cancels every stream up to the source. A chain of these
 * streams consumed by `for await`, `toArray` or `reduce` is read in place, without the
 * ReadableStream machinery per value, so it runs at nearly the speed of a plain loop.
 *
 * @example
 * ```ts
 * import { TypedReadableStream } from "@wai/typed-stream";
 *
 * const squares = TypedReadableStream.from([1, 2, 3, 4])
 *   .filter((n) => n % 2 === 0)
 *   .map((n) => n * n);
 * console.log(await squares.toArray()); // [4, 16]
 * ```
 */
export class TypedReadableStream<T> extends ReadableStream<T> {
  /**
   * Makes a typed stream from a `ReadableStream`, an iterable or an async iterable.
   * A `TypedReadableStream` is returned as it is. Iterables are read lazily, one value
   * per read, and an iterator is closed (`return()`) when the stream is cancelled.
   *
   * @param source - The values to stream.
   * @returns A typed stream of the source's values.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * async function* countdown() {
   *   yield 3;
   *   yield 2;
   *   yield 1;
   * }
   * const stream = TypedReadableStream.from(countdown());
   * for await (const n of stream) console.log(n); // 3, 2, 1
   * ```
   */
  static from<T>(source: ValueSource<T>): TypedReadableStream<T> {
    if (source instanceof TypedReadableStream) return source;
    if (source instanceof ReadableStream) return pump(readerOf(source as ReadableStream<T>), pass);
    const iterator: Iterator<T> | AsyncIterator<T> = (
      (source as AsyncIterable<T>)[Symbol.asyncIterator] ?? (source as Iterable<T>)[Symbol.iterator]
    ).call(source);
    return pump({ read: () => iterator.next(), cancel: () => iterator.return?.() }, pass);
  }

  /**
   * Returns a stream of `fn(value, index)` for each value. `fn` may return a promise,
   * which is awaited before the next value is read, so the order is kept. If `fn`
   * throws or rejects, the returned stream errors and this one is cancelled.
   *
   * @param fn - Maps one value; `index` counts from 0.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * const lengths = TypedReadableStream.from(["a", "bb"]).map((s) => s.length);
   * console.log(await lengths.toArray()); // [1, 2]
   * ```
   */
  map<U>(fn: (value: T, index: number) => U | PromiseLike<U>): TypedReadableStream<U> {
    let index = 0;
    return pump<T, U>(readerOf(this), (value, sink) => {
      const mapped = fn(value, index++);
      if (!isPromiseLike(mapped)) return sink.enqueue(mapped);
      return mapped.then((resolved) => sink.enqueue(resolved));
    });
  }

  /**
   * Returns a stream of the values for which `predicate` is truthy. A type guard
   * narrows the element type. Reads as many values as it takes to find one.
   *
   * @param predicate - Tests one value; `index` counts from 0 over this stream's values.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * const mixed = TypedReadableStream.from<string | number>([1, "a", 2]);
   * const numbers = mixed.filter((x): x is number => typeof x === "number");
   * console.log(await numbers.toArray()); // [1, 2], typed number[]
   * ```
   */
  filter<S extends T>(predicate: (value: T, index: number) => value is S): TypedReadableStream<S>;
  filter(predicate: (value: T, index: number) => unknown): TypedReadableStream<T>;
  filter(predicate: (value: T, index: number) => unknown): TypedReadableStream<T> {
    let index = 0;
    return pump<T, T>(readerOf(this), (value, sink) => {
      if (predicate(value, index++)) sink.enqueue(value);
    });
  }

  /**
   * Returns a stream of the first `count` values. Nothing past them is read: when the
   * consumer asks for more, the returned stream closes and this one is cancelled.
   *
   * @param count - How many values to keep; 0 or less (or `NaN`) gives an empty stream.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * const first = TypedReadableStream.from([1, 2, 3]).take(2);
   * console.log(await first.toArray()); // [1, 2]
   * ```
   */
  take(count: number): TypedReadableStream<T> {
    const reader = readerOf(this);
    // `count` counts down the values left.
    const rest: Pullable<T> = {
      read: () => (count > 0 ? reader.read() : ({ done: true } as IteratorResult<T>)),
      cancel: (reason) => reader.cancel(reason),
    };
    return pump(
      rest,
      (value, sink) => {
        count--;
        sink.enqueue(value);
      },
      // Cancelling a source that already ended does nothing.
      (sink) => {
        sink.close();
        return reader.cancel();
      },
    );
  }

  /**
   * Pipes this stream through a transform (a `TransformStream` or any
   * `{ writable, readable }` pair) and returns the readable side, typed.
   *
   * @param transform - Where this stream's values are written, and what to read back.
   * @param options - Passed to `pipeThrough`.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * const bytes = TypedReadableStream.from(["héllo"]).through(new TextEncoderStream());
   * const [chunk] = await bytes.toArray(); // a Uint8Array
   * ```
   */
  through<U>(
    transform: ReadableWritablePair<U, T>,
    options?: StreamPipeOptions,
  ): TypedReadableStream<U> {
    return TypedReadableStream.from(this.pipeThrough(transform, options));
  }

  /**
   * Reads the whole stream into an array.
   *
   * @returns Every value, in order; rejects with the stream's error if it errors.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * console.log(await TypedReadableStream.from(new Set([1, 2])).toArray()); // [1, 2]
   * ```
   */
  toArray(): Promise<T[]> {
    return this.reduce<T[]>((array, value) => {
      array.push(value);
      return array;
    }, []);
  }

  /**
   * Reads the whole stream, folding each value into an accumulator. If `fn` throws,
   * the stream is cancelled and the promise rejects with that error.
   *
   * @param fn - Combines the accumulator with one value.
   * @param initial - The accumulator's first value.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * const text = await TypedReadableStream.from(["Hel", "lo"]).reduce((s, d) => s + d, "");
   * console.log(text); // "Hello"
   * ```
   */
  async reduce<U>(fn: (accumulator: U, value: T, index: number) => U, initial: U): Promise<U> {
    let accumulator = initial;
    let index = 0;
    // Leaving the loop by a throw cancels the stream (the iterator's return()).
    for await (const value of this) accumulator = fn(accumulator, value, index++);
    return accumulator;
  }

  /**
   * Splits the stream in two typed branches that each see every value. Values are
   * kept in memory until both branches have read them, so a branch that is never
   * read makes the other hold the whole stream: tee only when both are consumed.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * const [a, b] = TypedReadableStream.from([1, 2]).tee();
   * console.log(await Promise.all([a.toArray(), b.toArray()])); // [[1, 2], [1, 2]]
   * ```
   */
  override tee(): [TypedReadableStream<T>, TypedReadableStream<T>] {
    return super.tee().map(TypedReadableStream.from) as [
      TypedReadableStream<T>,
      TypedReadableStream<T>,
    ];
  }

  /**
   * Async iteration. Leaving a `for await` loop early (`break`, `return`, a thrown
   * error) cancels the stream, and so its source; pass `{ preventCancel: true }` to
   * `values()` to only release the lock instead. A stream that was read to its end
   * stays locked.
   *
   * @example
   * ```ts
   * import { TypedReadableStream } from "@wai/typed-stream";
   *
   * for await (const n of TypedReadableStream.from([1, 2, 3])) {
   *   if (n === 2) break; // the source is cancelled here
   * }
   * ```
   */
  // The return type is the base class's own, as the user's lib declares it (the DOM's
  // ReadableStreamAsyncIterator, or workers-types' AsyncIterableIterator), so that the
  // published types compile against either.
  override values(options?: { preventCancel?: boolean }): ReturnType<ReadableStream<T>["values"]> {
    // Keeping the stream usable after the loop needs a lock that can be released.
    const keep = options?.preventCancel;
    const reader = keep ? this.getReader() : readerOf(this);
    const iterator = {
      // A native promise is passed through as it is; a value read in place is wrapped.
      next: () => Promise.resolve(reader.read()),
      async return(value?: unknown) {
        if (keep) (reader as ReadableStreamDefaultReader<T>).releaseLock();
        else await reader.cancel(value);
        return { done: true, value };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
      // `await using` support (Node >= 22.12 and workerd have Symbol.asyncDispose).
      [Symbol.asyncDispose]() {
        return iterator.return();
      },
    };
    return iterator as unknown as ReturnType<ReadableStream<T>["values"]>;
  }

  override [Symbol.asyncIterator](options?: {
    preventCancel?: boolean;
  }): ReturnType<ReadableStream<T>["values"]> {
    return this.values(options);
  }
}

const pass = <T>(value: T, sink: Sink<T>) => sink.enqueue(value);

/**
 * The one pull loop behind every derived stream: reads `source` only when the consumer
 * wants a value (a high-water mark of 0: no read-ahead, no buffering of its own), hands
 * each value to `step`, and reads on until the pull is over. The rule of when it is over
 * lives here and only here, seen through the sink it gives to `step`: a pull is over
 * once something was enqueued (and the source holds no more values at hand, see
 * {@link Pullable.ready}, which are handled in the same pull: one pull per batch) or the
 * stream was closed. It must not end before: the stream machinery does not pull again
 * after a pull that enqueued nothing, so the consumer's read would wait forever. Nor
 * does it end later: a step that is still at work (a promise) when it has enqueued a
 * value ends the pull there, so that the value is not held back, and goes on until the
 * next pull, which waits for it before it reads on.
 *
 * At the source's end, `flush` (or a plain close) ends the stream. Cancelling the stream
 * cancels the source. An error thrown by `step` or `flush` (or of the source) cancels
 * the source and errors the stream, or is handed to `recover`, which may enqueue last
 * values and must close the stream (or throw: the stream errors with what it throws; a
 * promise it returns is awaited). An error that comes after values enqueued in the same
 * pull is raised at the next pull, so that a reader gets those values first (an error
 * empties a stream's queue). The consumer's cancel goes to `cancel`, which cancels the
 * source by default (the cancel of an error, above, goes to the source directly).
 */
export function pump<T, U>(
  source: Pullable<T>,
  step: Step<T, U>,
  flush: (sink: Sink<U>) => unknown = (sink) => sink.close(),
  recover?: (error: unknown, sink: Sink<U>) => unknown,
  cancel: (reason: unknown) => unknown = (reason) => source.cancel(reason),
): TypedReadableStream<U> {
  let target: Sink<U>;
  let delivered = false;
  let closed = false;
  let failure: { error: unknown } | undefined;
  // A step still at work after it delivered: it goes on between pulls (it may deliver
  // more, close, or fail: its error is kept for the next pull, which waits for it).
  let running: PromiseLike<unknown> | undefined;
  // What step and flush write to: the pull's target, with what they did recorded.
  const sink: Sink<U> = {
    enqueue(value) {
      target.enqueue(value);
      delivered = true;
    },
    close() {
      closed = true;
      target.close();
    },
  };
  const inner: Internals<U> = {
    async pull(controller) {
      target = controller;
      delivered = false;
      try {
        if (running) await running;
        running = undefined;
        for (;;) {
          if (failure) throw failure.error;
          if (closed || (delivered && !source.ready?.())) return;
          let result = source.read();
          // Only a pending read, or an asynchronous step, costs an await.
          if (isPromiseLike(result)) result = await result;
          if (result.done) return void (await flush(sink));
          const pending = step(result.value, sink);
          if (isPromiseLike(pending)) {
            // What was delivered is not held back while the step goes on, and no other
            // step starts before it is done.
            if (delivered) {
              running = pending.then(undefined, (error: unknown) => {
                failure = { error };
              });
              return;
            }
            await pending;
          }
        }
      } catch (error) {
        if (delivered) {
          failure = { error };
          return;
        }
        // A source that failed may fail to cancel too: the first error is the one told.
        try {
          await source.cancel(error);
        } catch {}
        if (!recover) throw error;
        await recover(error, sink);
      }
    },
  };
  const stream = new TypedReadableStream<U>(
    {
      pull(controller) {
        inner.started = true;
        return inner.pull(controller);
      },
      cancel: cancel as (reason: unknown) => Promise<void>,
    },
    { highWaterMark: 0 },
  );
  internals.set(stream, inner as Internals<unknown>);
  return stream;
}
