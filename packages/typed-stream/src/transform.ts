import { isPromiseLike, pump, readerOf, TypedReadableStream } from "./typed-readable-stream.js";
import type { ValueSource } from "./types.js";

/** What a {@link Transformer} may do with the stream it feeds. */
export interface TransformController<U> {
  /** Delivers a value. */
  enqueue(value: U): void;
  /** Ends the output stream after the values enqueued so far, and cancels the source. */
  terminate(): void;
}

/**
 * Turns each value of a source into zero or more values, as a `TransformStream`'s
 * transformer does; throwing (or rejecting) errors the output stream and cancels the
 * source.
 */
export interface Transformer<T, U> {
  /** Handles one value of the source. */
  transform(value: T, controller: TransformController<U>): void | PromiseLike<void>;
  /** Called once when the source ends, to enqueue any last values. */
  flush?: ((controller: TransformController<U>) => void | PromiseLike<void>) | undefined;
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
 * @param transformer - What to make of each value, and at the end.
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
  transformer: Transformer<T, U>,
): TypedReadableStream<U> {
  const reader = readerOf(TypedReadableStream.from(source));
  let current: ReadableStreamDefaultController<U>;
  let delivered = false;
  let terminated = false;
  // The error of a value handled after others were delivered in the same pull: it is
  // raised at the next pull, so that a reader gets those values first.
  let failure: { error: unknown } | undefined;
  const controller: TransformController<U> = {
    enqueue(value) {
      current.enqueue(value);
      delivered = true;
    },
    terminate() {
      terminated = true;
    },
  };
  // Says whether the pull is over: something was delivered, or the stream was ended.
  const settle = (): boolean => {
    if (terminated) {
      current.close();
      Promise.resolve(reader.cancel()).catch(() => {});
      return true;
    }
    // The values the source already holds are handled in this same pull: one pull per
    // batch, not per value. Reading on past them would read ahead.
    if (!delivered || reader.ready?.()) return false;
    delivered = false;
    return true;
  };
  // Like settle, for a transform that threw or rejected.
  const fail = (error: unknown): true => {
    if (!delivered) throw error;
    failure = { error };
    delivered = false;
    return true;
  };
  return pump<T, U>(
    {
      read: () => {
        if (failure) throw failure.error;
        return reader.read();
      },
      cancel: (reason) => reader.cancel(reason),
    },
    (value, target) => {
      current = target;
      try {
        const pending = transformer.transform(value, controller);
        return isPromiseLike(pending) ? Promise.resolve(pending).then(settle, fail) : settle();
      } catch (error) {
        return fail(error);
      }
    },
    async (target) => {
      current = target;
      await transformer.flush?.(controller);
      if (!terminated) target.close();
    },
  );
}
