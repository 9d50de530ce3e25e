import { createParser } from "eventsource-parser";
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
  /** When set, the source must not end before this done sentinel was seen. */
  requireDone?: string | false | undefined;
  /** The `onInvalid` policy: skip and report, or (absent) error the stream. */
  onInvalid: InvalidInputHandler | undefined;
}

/**
 * The one engine behind decodeSSE and decodeJSONEvents: a single stream (made by
 * {@link pump}) whose pull reads one chunk of bytes, decodes it, feeds the SSE parser,
 * and delivers every value that chunk completes, straight from the parser's callbacks.
 * There is no stream and no promise per event, and no read-ahead: a chunk is read only
 * when the consumer wants a value and none is waiting.
 *
 * Bytes are decoded with a streaming, fatal TextDecoder, so a UTF-8 character split
 * across chunks comes out whole and invalid UTF-8 is an error, never U+FFFD. Line breaks
 * split across chunks (CR | LF | CRLF) are the parser's to join: eventsource-parser
 * (3.0.8 and later) keeps a partial line until the next chunk, and also a CR that ends a
 * chunk, since an LF may follow it. So an event ended by a bare CR at a chunk's very end
 * waits for one more byte; Workers AI ends lines with LF. At the end of the source, a
 * final event that lacks its blank line is still dispatched, so nothing is lost.
 *
 * Outcomes are applied in the order of their events by one loop, which awaits only an
 * asynchronous outcome. Bad input is either reported to `onInvalid` or thrown, which
 * errors the stream and cancels the source.
 */
export function sseStream<T>(input: ByteSource, handlers: SSEHandlers<T>): TypedReadableStream<T> {
  const source: Pullable<Uint8Array> =
    input instanceof ReadableStream
      ? input.getReader()
      : input.ok
        ? (input.body ?? TypedReadableStream.from<Uint8Array>([])).getReader()
        : // A response that is not ok is reported with its body.
          { read: () => failedResponse(input), cancel: async () => {} };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const outcomes: (Outcome<T> | PromiseLike<Outcome<T>>)[] = [];
  let next = 0;
  let stopped = false;

  const parser = createParser({
    onEvent: (event) => outcomes.push(handlers.event(event)),
    onError: (error) =>
      outcomes.push(
        new TypedStreamError(`SSE: ${error.message}`, {
          code: "invalid-sse-line",
          data: error.line,
          cause: error,
        }),
      ),
  });

  // Applies the outcomes collected so far; says whether the pull is over (something was
  // delivered, or the stream closed).
  const drain = (
    controller: ReadableStreamDefaultController<T>,
  ): boolean | PromiseLike<boolean> => {
    let delivered = false;
    while (next < outcomes.length && !stopped) {
      const outcome = outcomes[next++] as Outcome<T> | PromiseLike<Outcome<T>>;
      if (isPromiseLike(outcome)) {
        // Put the settled outcome back in its place, and go on from there.
        return outcome.then((settled) => {
          outcomes[--next] = settled;
          return drain(controller) || delivered;
        });
      }
      if (outcome === STOP) {
        stopped = true;
        controller.close();
        (source.cancel() as Promise<void>).catch(() => {});
      } else if (!(outcome instanceof TypedStreamError)) {
        controller.enqueue(outcome.value);
        delivered = true;
      } else if (handlers.onInvalid) handlers.onInvalid(outcome);
      else throw outcome;
    }
    outcomes.length = next = 0;
    return stopped || delivered;
  };

  // Decodes bytes (undefined: the end of the source) and feeds the parser.
  const feed = (bytes: Uint8Array | undefined, controller: ReadableStreamDefaultController<T>) => {
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: bytes !== undefined });
    } catch (cause) {
      throw new TypedStreamError("Invalid UTF-8", { code: "invalid-utf8", cause });
    }
    // Two line breaks at the end close a last line and a last event left open.
    parser.feed(bytes === undefined ? `${text}\n\n` : text);
    return drain(controller);
  };

  return pump<Uint8Array, T>(source, feed, async (controller) => {
    await feed(undefined, controller);
    if (stopped) return;
    // Reaching the end of the source with a required sentinel unseen is a truncation.
    if (handlers.requireDone) {
      throw new TypedStreamError(`Stream ended before ${handlers.requireDone}`, {
        code: "truncated",
      });
    }
    controller.close();
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
