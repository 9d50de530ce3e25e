import {
  isPromiseLike,
  pump,
  readerOf,
  type Sink,
  TypedReadableStream,
} from "./typed-readable-stream.js";
import type { ValueSource } from "./types.js";

/** What a {@link StreamTransformer} may do with the stream it feeds. */
export interface TransformController<U> {
  /** Delivers a value. */
  enqueue(value: U): void;
  /** Ends the output stream after the values enqueued so far, and cancels the source. */
  terminate(): void;
}

/**
 * What {@link transform} makes of a source: each value turned into zero or more values,
 * as a `TransformStream`'s transformer does (throwing, or rejecting, errors the output
 * stream and cancels the source), and hooks for the three ways the output can end.
 * (Named so as not to shadow the global `Transformer` of the DOM and Workers types.)
 */
export interface StreamTransformer<T, U> {
  /** Handles one value of the source. */
  transform(value: T, controller: TransformController<U>): void | PromiseLike<void>;
  /** Called once when the source ends, to enqueue any last values. */
  flush?: ((controller: TransformController<U>) => void | PromiseLike<void>) | undefined;
  /**
   * Called once when the source, `transform` or `flush` fails (or the signal aborts),
   * with the error, after the source was cancelled: it may enqueue last values, then
   * either returns (the output closes after them) or throws (the output errors with
   * what it throws, say an error of your own). Without it, the output errors with the
   * error itself.
   */
  catch?:
    | ((error: unknown, controller: TransformController<U>) => void | PromiseLike<void>)
    | undefined;
  /**
   * Called when the consumer cancels the output stream (`cancel()`, leaving a `for await`
   * loop early), with its reason, before the source is cancelled; never when the output
   * ends otherwise (the source's end, `terminate()`, an error, the signal).
   */
  cancel?: ((reason: unknown) => void | PromiseLike<void>) | undefined;
}

/** The options of {@link transform}. */
export interface TransformOptions {
  /**
   * Aborting it cancels the source with the signal's reason (a pending read of a stream
   * then ends), and errors the output with that reason (see
   * {@link StreamTransformer.catch}), after the values already made.
   */
  signal?: AbortSignal | undefined;
}

/**
 * A one-to-many transform of a stream, like `pipeThrough(new TransformStream(...))` but
 * without stream machinery per value: the source is read in place (see
 * {@link TypedReadableStream}), a synchronous `transform` costs no promise, the values a
 * source read in place already holds (say, the events of one chunk of bytes) are
 * transformed in one go, and values are read only as the consumer reads. Cancelling the
 * output cancels the source. A value that throws errors the output only after the values
 * made before it were read.
 *
 * @param source - The values: a stream, an iterable or an async iterable.
 * @param transformer - What to make of each value, at the end, on an error and on a
 *   cancel.
 * @param options - An `AbortSignal` that stops it.
 *
 * @example
 * ```ts
 * import { TypedReadableStream, transform } from "@wai/typed-stream";
 *
 * const words = transform(TypedReadableStream.from(["hello world", "bye"]), {
 *   transform(line, controller) {
 *     for (const word of line.split(" ")) controller.enqueue(word);
 *   },
 *   flush(controller) {
 *     controller.enqueue("(end)");
 *   },
 * });
 * console.log(await words.toArray()); // ["hello", "world", "bye", "(end)"]
 * ```
 */
export function transform<T, U>(
  source: ValueSource<T>,
  transformer: StreamTransformer<T, U>,
  options?: TransformOptions,
): TypedReadableStream<U> {
  const reader = readerOf(TypedReadableStream.from(source));
  const signal = options?.signal;
  // Where the current pull writes; pump sees what is enqueued there.
  let sink: Sink<U>;
  let terminated = false;
  const controller: TransformController<U> = {
    enqueue: (value) => sink.enqueue(value),
    terminate() {
      terminated = true;
    },
  };
  // Cancels the source, quietly: the output is over.
  const stop = (reason?: unknown) => Promise.resolve(reader.cancel(reason)).catch(() => {});
  const onAbort = () => stop(signal?.reason);
  signal?.addEventListener("abort", onAbort);
  const done = () => signal?.removeEventListener("abort", onAbort);
  // Ends the output once a transform terminated it, after the values it enqueued.
  const end = () => {
    if (!terminated) return;
    done();
    sink.close();
    stop();
  };
  // The signal's reason, once it aborted: what ends the output.
  const check = () => {
    if (signal?.aborted) throw signal.reason;
  };
  return pump<T, U>(
    reader,
    (value, target) => {
      check();
      sink = target;
      const pending = transformer.transform(value, controller);
      return isPromiseLike(pending) ? pending.then(end) : end();
    },
    async (target) => {
      check();
      sink = target;
      await transformer.flush?.(controller);
      done();
      target.close();
    },
    async (error, target) => {
      done();
      if (!transformer.catch) throw error;
      sink = target;
      await transformer.catch(error, controller);
      target.close();
    },
    async (reason) => {
      done();
      try {
        await transformer.cancel?.(reason);
      } finally {
        await reader.cancel(reason);
      }
    },
  );
}
