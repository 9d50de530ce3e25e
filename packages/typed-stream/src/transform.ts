import {
  isPromiseLike,
  pump,
  readerOf,
  type Sink,
  TypedReadableStream,
} from "./typed-readable-stream.js";
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
  // Where the current pull writes; pump sees what is enqueued there.
  let sink: Sink<U>;
  let terminated = false;
  const controller: TransformController<U> = {
    enqueue: (value) => sink.enqueue(value),
    terminate() {
      terminated = true;
    },
  };
  // Ends the output once a transform terminated it, after the values it enqueued.
  const end = () => {
    if (!terminated) return;
    sink.close();
    Promise.resolve(reader.cancel()).catch(() => {});
  };
  return pump<T, U>(
    reader,
    (value, target) => {
      sink = target;
      const pending = transformer.transform(value, controller);
      return isPromiseLike(pending) ? pending.then(end) : end();
    },
    async (target) => {
      sink = target;
      await transformer.flush?.(controller);
      target.close();
    },
  );
}
