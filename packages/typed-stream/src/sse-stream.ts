import { createParser, type ParseError } from "eventsource-parser";
import {
  isPromiseLike,
  type Pullable,
  pump,
  TypedReadableStream,
} from "./typed-readable-stream.js";
import { TypedStreamError } from "./typed-stream-error.js";
import type { ByteSource, InvalidInputHandler, SSEEvent } from "./types.js";

/** Ends the stream successfully (a done sentinel). */
export const STOP = null;

/**
 * What handling one event or line gives: a value to deliver, bad input (skipped or
 * fatal, by the `onInvalid` policy), or the end of the stream.
 */
export type Outcome<T> = { readonly value: T } | TypedStreamError | null;

/** How an {@link sseStream} turns parsed SSE into values. */
export interface SSEHandlers<T> {
  /** Handles one event. A promise delays this and every later outcome until it settles. */
  event(event: SSEEvent): Outcome<T> | PromiseLike<Outcome<T>>;
  /** Handles a malformed line. */
  invalidLine(error: ParseError): Outcome<T>;
  /** When set, the source must not end before this done sentinel was seen. */
  requireDone?: string | false | undefined;
  /** The `onInvalid` policy: skip and report, or (absent) error the stream. */
  onInvalid: InvalidInputHandler | undefined;
}

/**
 * Turns a malformed-line report of eventsource-parser into our error.
 */
export function invalidLineError(error: ParseError): TypedStreamError {
  return new TypedStreamError(`SSE: ${error.message}`, {
    code: "invalid-sse-line",
    data: error.line,
    cause: error,
  });
}

/**
 * The one engine behind decodeSSE and decodeJSONEvents: a single ReadableStream whose
 * pull reads one chunk of bytes, decodes it, feeds the SSE parser, and enqueues every
 * value that chunk completes, synchronously, straight from the parser's callback. There
 * is no stream and no promise per event (the per-event stream machinery of a chain of
 * TransformStreams is what makes such pipelines slow), and no read-ahead: a chunk is
 * read only when the consumer wants a value and none is queued.
 *
 * Bytes are decoded with a streaming, fatal TextDecoder, so a UTF-8 character split
 * across chunks comes out whole and invalid UTF-8 is an error, never U+FFFD. Only whole
 * lines are given to the parser (the text after the last line break waits for the next
 * chunk), so that how a malformed line is reported does not depend on where the chunks
 * happen to split; a CR at a chunk's end is handled by the parser, which waits for a
 * possible LF. At the end of the source a final event without its blank line is still
 * dispatched, so that nothing is lost.
 */
export function sseStream<T>(input: ByteSource, handlers: SSEHandlers<T>): TypedReadableStream<T> {
  const response = input instanceof ReadableStream ? undefined : input;
  const body = response ? response.body : (input as ReadableStream<Uint8Array>);
  const source: Pullable<Uint8Array> =
    response && !response.ok
      ? { read: () => failedResponse(response), cancel: async () => {} }
      : (body ?? TypedReadableStream.from<Uint8Array>([])).getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let stopped = false;
  let delivered = 0;
  let pending: Promise<void> | undefined;
  let controller: ReadableStreamDefaultController<T>;

  const stop = (error?: unknown) => {
    stopped = true;
    if (error === undefined) controller.close();
    else controller.error(error);
    (source.cancel(error) as Promise<void>).catch(() => {});
  };

  const apply = (outcome: Outcome<T>) => {
    if (stopped) return;
    if (outcome === STOP) stop();
    else if (!(outcome instanceof TypedStreamError)) {
      delivered++;
      controller.enqueue(outcome.value);
    } else if (handlers.onInvalid) handlers.onInvalid(outcome);
    else stop(outcome);
  };

  // Outcomes are applied in the order of their events. While an asynchronous outcome
  // is pending, later ones queue behind it; otherwise they are applied at once.
  const deliver = (outcome: Outcome<T> | PromiseLike<Outcome<T>>) => {
    if (stopped) return;
    if (pending === undefined && !isPromiseLike(outcome)) apply(outcome);
    else
      pending = Promise.resolve(pending)
        .then(() => outcome)
        .then(apply);
  };

  const parser = createParser({
    onEvent: (event) => deliver(handlers.event(event)),
    onError: (error) => deliver(handlers.invalidLine(error)),
  });

  // Decodes bytes (undefined: the end) and gives the parser whole lines. Returns whether
  // this pull is over: something was delivered, or the stream ended.
  const feed = (
    bytes: Uint8Array | undefined,
    current: ReadableStreamDefaultController<T>,
  ): boolean | Promise<boolean> => {
    controller = current;
    const before = delivered;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: bytes !== undefined });
    } catch (cause) {
      stop(new TypedStreamError("Invalid UTF-8", { code: "invalid-utf8", cause }));
      return true;
    }
    // Two line breaks at the end close a last line and a last event left open.
    parser.feed(bytes === undefined ? `${text}\n\n` : text);
    if (pending === undefined) return stopped || delivered !== before;
    return pending.then(() => {
      pending = undefined;
      return stopped || delivered !== before;
    });
  };

  return pump<Uint8Array, T>(source, feed, async (current) => {
    await feed(undefined, current);
    // Reaching the end of the source with a required sentinel unseen is a truncation.
    if (!stopped) {
      stop(
        handlers.requireDone
          ? new TypedStreamError(`Stream ended before ${handlers.requireDone}`, {
              code: "truncated",
            })
          : undefined,
      );
    }
  });
}

async function failedResponse(response: Response): Promise<never> {
  const { status } = response;
  const body = await response.text().catch(() => "");
  throw new TypedStreamError(`HTTP ${status}: ${body.slice(0, 200)}`, {
    code: "http-error",
    data: { status, body },
  });
}
