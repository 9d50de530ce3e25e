import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { TypedStreamError } from "./typed-stream-error.js";

export type { StandardSchemaV1 };

/**
 * One server-sent event, as dispatched by the SSE parser.
 */
export interface SSEEvent {
  /** The event's data: its `data:` lines joined with `\n`. */
  data: string;
  /** The `event:` field, or `undefined` when the event had none. */
  event?: string | undefined;
  /** The `id:` field of this event, or `undefined` when the event had none. */
  id?: string | undefined;
}

/**
 * Where bytes come from: a byte stream (what a streamed answer of `env.AI.run` is), a
 * `Response` (what `fetch` gives), or a promise of either (what `env.AI.run(...)` and
 * `fetch(...)` return), so that the decoded stream exists before the answer does: its
 * first read waits for the promise, a rejection errors it, and cancelling it before the
 * promise resolves cancels the bytes as soon as they come (the cancel settles then).
 */
export type ByteSource =
  | ReadableStream<Uint8Array>
  | Response
  | PromiseLike<ReadableStream<Uint8Array> | Response>;

/**
 * What the stream combinators accept as a source of values.
 */
export type ValueSource<T> = ReadableStream<T> | Iterable<T> | AsyncIterable<T>;

/**
 * Called with each piece of bad input that is skipped instead of erroring the stream.
 * Giving this callback is what turns skipping on.
 */
export type InvalidInputHandler = (error: TypedStreamError) => void;

/**
 * Options of {@link decodeSSE}.
 */
export interface DecodeSSEOptions {
  /**
   * What to do with a malformed SSE line (an unknown field such as `foo: bar`, a line
   * without a colon, a non-numeric `retry:`).
   *
   * - absent: the stream errors with a {@link TypedStreamError} of code
   *   `"invalid-sse-line"`.
   * - a function: the line is skipped (as the SSE specification prescribes) and the
   *   error is handed to the function.
   *
   * Comment lines (`: keep-alive`) are valid SSE and are always ignored.
   *
   * @defaultValue undefined (error the stream)
   */
  onInvalid?: InvalidInputHandler | undefined;
  /**
   * The most bytes of the input one event may take: its lines with their line breaks
   * (field names and comments included), up to the blank line that ends it. The decoder
   * keeps an event until its blank line, and a line until its line break: this bounds
   * what a source can make it hold (a line that never ends, an event that never ends) to
   * this many bytes plus one chunk. An event that exceeds it errors the stream with a
   * {@link TypedStreamError} of code `"event-too-large"` (whatever `onInvalid` says),
   * after every event before it was delivered; nothing after it is decoded. The outcome
   * does not depend on how the bytes are cut into chunks. `Infinity` turns the limit off.
   *
   * @defaultValue 1048576 (1 MiB)
   */
  maxEventSize?: number | undefined;
}

/**
 * Options of {@link decodeJSONEvents}.
 */
export interface DecodeJSONEventsOptions<Schema extends StandardSchemaV1 | undefined = undefined>
  extends DecodeSSEOptions {
  /**
   * Any Standard Schema (valibot, zod, arktype, ...) each event's parsed JSON is
   * checked against. The stream yields the schema's output type. A synchronous
   * validator is called synchronously: no promise is created per event.
   *
   * @defaultValue undefined (values are yielded as parsed, typed `unknown`)
   */
  schema?: Schema;
  /**
   * The data that ends the stream. When an event's data equals it, the stream closes
   * and the source is cancelled: nothing after the sentinel is read. `false` turns
   * the sentinel off, so every event is parsed as JSON.
   *
   * @defaultValue `"[DONE]"`
   */
  done?: string | false | undefined;
  /**
   * When `true`, a source that ends before the done sentinel errors the stream with
   * a {@link TypedStreamError} of code `"truncated"`, after every complete event
   * before it was delivered. Has no effect when `done` is `false`.
   *
   * @defaultValue false
   */
  requireDone?: boolean | undefined;
  /**
   * What to do with an event whose data is not JSON (`"invalid-json"`) or does not
   * match the schema (`"schema-mismatch"`), and with malformed SSE lines
   * (`"invalid-sse-line"`).
   *
   * - absent: the stream errors with that {@link TypedStreamError}.
   * - a function: the event or line is skipped and the error handed to the function.
   *
   * @defaultValue undefined (error the stream)
   */
  onInvalid?: InvalidInputHandler | undefined;
}

/**
 * Options of {@link encodeSSE} and {@link toSSEResponse}.
 */
export interface EncodeSSEOptions<T> {
  /**
   * Turns a value into the event's data. Line breaks in the result are written as
   * several `data:` lines, which a decoder joins back with `\n`. A result that is not a
   * string (`JSON.stringify` gives `undefined` for `undefined` and for functions) ends
   * the stream with an `event: error` of code `"unserializable-value"`.
   *
   * @defaultValue `JSON.stringify`
   */
  serialize?: ((value: T) => string) | undefined;
  /**
   * The `event:` field written before each value's data: a fixed name, or a function
   * of the value (returning `undefined` writes no `event:` field).
   *
   * @defaultValue undefined (no `event:` field)
   */
  event?: string | ((value: T) => string | undefined) | undefined;
  /**
   * Data of a last event written after the source ends, so that a decoder can tell a
   * complete stream from a truncated one. `false` writes none. It is not written when
   * the source errors (an `event: error` is, instead) or the stream is cancelled.
   *
   * @defaultValue `"[DONE]"`
   */
  done?: string | false | undefined;
}

/**
 * The type a {@link decodeJSONEvents} stream yields for a given schema option.
 */
export type JSONEventOf<Schema extends StandardSchemaV1 | undefined> =
  Schema extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<Schema> : unknown;
