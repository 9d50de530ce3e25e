import { createParser } from "eventsource-parser";
import {
  isPromiseLike,
  type Pullable,
  pump,
  type Sink,
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
  onInvalid?: InvalidInputHandler | undefined;
  /** The most bytes one event may take in the input; 1 MiB when undefined. */
  maxEventSize?: number | undefined;
}

const LF = 10;
const CR = 13;

/**
 * The one engine behind decodeSSE and decodeJSONEvents: a single stream (made by
 * {@link pump}) whose pull reads one chunk of bytes, decodes it, feeds the SSE parser,
 * and delivers every value that chunk completes, straight from the parser's callbacks.
 * There is no stream and no promise per event, and no read-ahead: a chunk is read only
 * when the consumer wants a value and none is waiting (pump sees whether a chunk gave
 * one).
 *
 * Bytes are decoded with a streaming, fatal TextDecoder, so a UTF-8 character split
 * across chunks comes out whole and invalid UTF-8 is an error, never U+FFFD. Line breaks
 * split across chunks (CR | LF | CRLF) are the parser's to join: eventsource-parser
 * (3.0.8 and later) keeps a partial line until the next chunk, and also a CR that ends a
 * chunk, since an LF may follow it. So an event ended by a bare CR at a chunk's very end
 * waits for one more byte; Workers AI ends lines with LF. At the end of the source, a
 * final event that lacks its blank line is still dispatched, so nothing is lost.
 *
 * The parser keeps an event's lines, and a line without its line break, until the event
 * ends, so the size of each event is counted, in the bytes (where a line break is always
 * a byte of its own in UTF-8): its lines and their line breaks, up to its blank line.
 * Only the event left open at a chunk's end is measured, from the end back, unless the
 * chunk may hold an event past `maxEventSize`; then every event of it is, and the bytes
 * from the first one past the limit on are not decoded: the stream errors after the
 * events before it, whatever the chunking. What is held stays within the limit plus one
 * chunk.
 *
 * Outcomes are applied in the order of their events by one loop, which awaits only an
 * asynchronous outcome. Bad input is either reported to `onInvalid` or thrown, which
 * errors the stream and cancels the source.
 */
export function sseStream<T>(input: ByteSource, handlers: SSEHandlers<T>): TypedReadableStream<T> {
  const source = bytesOf(input);
  const decoder = new TextDecoder("utf8", { fatal: true });
  const limit = handlers.maxEventSize ?? 2 ** 20;
  const outcomes: (Outcome<T> | PromiseLike<Outcome<T>>)[] = [];
  let next = 0;
  let stopped = false;
  // Bytes of the event still open (after the last blank line), the byte before the
  // chunk (a line starts the stream), whether the chunk before ended with a blank line's
  // CR, whose LF may come first in this one, and the size of an event past the limit.
  let open = 0;
  let previous = LF;
  let pendingLF = false;
  let tooLarge = 0;

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

  // Counts the bytes of each event: its lines and their line breaks, up to the blank line
  // that ends it. Events are measured from the chunk's end back: the one left open, and,
  // only when the chunk may hold one past the limit, every other one. Returns the bytes
  // of the chunk to decode: all of them, or those before the first byte of the first
  // event past the limit, so that the events before it, and only those, are delivered
  // before the error, at any chunking.
  const measure = (bytes: Uint8Array): Uint8Array => {
    const length = bytes.length;
    if (!length) return bytes;
    let end = length;
    let cut = length;
    let left = 0;
    for (let at = length - 1; ; at--) {
      const byte = bytes[at];
      // A blank line starts with a line break right after a line break (but not with the
      // LF of a CRLF).
      if (byte !== LF && byte !== CR && at >= 0) continue;
      const before = at ? bytes[at - 1] : previous;
      if (at >= 0 && before !== LF && (before !== CR || byte !== CR)) continue;
      // An event from `start` to `end`; the first one goes on from the chunk before.
      const carried = at < 0 ? open : 0;
      const start =
        at < 0
          ? +(pendingLF && bytes[0] === LF)
          : at + (byte === CR && bytes[at + 1] === LF ? 2 : 1);
      const size = end - start + carried;
      if (size > limit) {
        cut = start + limit - carried;
        tooLarge = size;
      }
      if (end === length) left = size;
      if (at < 0 || open + length <= limit) break;
      end = at;
    }
    open = left;
    // An empty event left open after a CR: the CR of a blank line, whose LF may follow.
    previous = bytes[length - 1] as number;
    pendingLF = !left && previous === CR;
    return bytes.subarray(0, cut);
  };

  // Applies the outcomes collected so far, in order.
  const drain = (sink: Sink<T>): void | PromiseLike<void> => {
    while (next < outcomes.length && !stopped) {
      const outcome = outcomes[next++] as Outcome<T> | PromiseLike<Outcome<T>>;
      if (isPromiseLike(outcome)) {
        // Put the settled outcome back in its place, and go on from there.
        return outcome.then((settled) => {
          outcomes[--next] = settled;
          return drain(sink);
        });
      }
      if (outcome === STOP) {
        stopped = true;
        sink.close();
        (source.cancel() as Promise<void>).catch(() => {});
      } else if (!(outcome instanceof TypedStreamError)) sink.enqueue(outcome.value);
      else if (handlers.onInvalid) handlers.onInvalid(outcome);
      else throw outcome;
    }
    outcomes.length = next = 0;
    if (tooLarge && !stopped) {
      throw new TypedStreamError(`SSE: an event exceeds ${limit} bytes`, {
        code: "event-too-large",
        data: { limit, size: tooLarge },
      });
    }
  };

  // Decodes bytes (undefined: the end of the source) and feeds the parser.
  const feed = (bytes: Uint8Array | undefined, sink: Sink<T>) => {
    let text: string;
    try {
      text = decoder.decode(bytes && measure(bytes), { stream: !!bytes });
    } catch (cause) {
      throw new TypedStreamError("Invalid UTF-8", { code: "invalid-utf8", cause });
    }
    parser.feed(bytes ? text : `${text}\n\n`);
    return drain(sink);
  };

  return pump<Uint8Array, T>(source, feed, async (sink) => {
    await feed(undefined, sink);
    if (stopped) return;
    // Reaching the end of the source with a required sentinel unseen is a truncation.
    if (handlers.requireDone) {
      throw new TypedStreamError(`Stream ended before ${handlers.requireDone}`, {
        code: "truncated",
      });
    }
    sink.close();
  });
}

/**
 * A reader of the bytes of a stream, a `Response`, or a promise of either (what
 * `env.AI.run` returns): the first read waits for the promise, and then reads go straight
 * to the reader of what it gave, with no stream in between. A rejection errors the
 * stream. A cancel before it resolves cancels what it resolves to, as soon as it does (a
 * pending read then ends).
 */
function bytesOf(input: ByteSource): Pullable<Uint8Array> {
  if (isPromiseLike(input)) {
    // Opened as a plain input is (its reader taken at once); a rejection is read by the
    // first read, and is not left unhandled when nobody reads.
    const opened = Promise.resolve(input).then(bytesOf);
    opened.catch(() => {});
    return {
      read: () => opened.then((reader) => reader.read()),
      // A source that never came has nothing to cancel.
      cancel: (reason) =>
        opened.then(
          (reader) => reader.cancel(reason),
          () => {},
        ),
    };
  }
  return input instanceof ReadableStream
    ? input.getReader()
    : input.ok
      ? (input.body ?? TypedReadableStream.from<Uint8Array>([])).getReader()
      : // A response that is not ok is reported with its body.
        {
          async read() {
            const body = await input.text().catch(() => "");
            throw new TypedStreamError(`HTTP ${input.status}: ${body.slice(0, 200)}`, {
              code: "http-error",
              data: { status: input.status, body },
            });
          },
          cancel() {},
        };
}
