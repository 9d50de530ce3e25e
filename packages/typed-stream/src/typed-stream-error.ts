import type { StandardSchemaV1 } from "@standard-schema/spec";

const marker = Symbol.for("wai.TypedStreamError");

/**
 * What went wrong, as a stable string to switch on.
 *
 * - `"invalid-sse-line"`: a line that is not valid SSE (unknown field, no colon,
 *   non-numeric `retry:`). `data` is the line.
 * - `"invalid-utf8"`: the bytes are not valid UTF-8. `data` is undefined.
 * - `"invalid-json"`: an event's data is not JSON. `data` is the event's data string.
 * - `"schema-mismatch"`: an event's JSON does not match the schema. `data` is the
 *   parsed value, `issues` the schema's issues.
 * - `"truncated"`: the source ended before the done sentinel (with `requireDone`).
 * - `"http-error"`: a `Response` given as input was not ok. `data` is
 *   `{ status, body }`.
 * - `"event-too-large"`: one event (or a line without its line break) took more bytes
 *   of the input than `maxEventSize`. `data` is `{ limit, size }`: the limit, and the
 *   bytes of the event seen when it was exceeded.
 * - `"unserializable-value"`: {@link encodeSSE}'s serializer gave no string for a value
 *   (`JSON.stringify` of `undefined` or of a function). `data` is the value.
 */
export type TypedStreamErrorCode =
  | "invalid-sse-line"
  | "invalid-utf8"
  | "invalid-json"
  | "schema-mismatch"
  | "truncated"
  | "http-error"
  | "event-too-large"
  | "unserializable-value";

/**
 * The options of the {@link TypedStreamError} constructor.
 */
export interface TypedStreamErrorOptions {
  /** What went wrong. */
  code: TypedStreamErrorCode;
  /** The offending input: a line, an event's data, a parsed value. */
  data?: unknown;
  /** The schema's issues, for `"schema-mismatch"`. */
  issues?: readonly StandardSchemaV1.Issue[] | undefined;
  /** The underlying error, such as the `SyntaxError` of `JSON.parse`. */
  cause?: unknown;
}

/**
 * The one error type of `@wai/typed-stream`. Recognize it with
 * {@link TypedStreamError.isInstance}, which works even when two copies of the
 * package are installed (where `instanceof` does not).
 *
 * @example
 * ```ts
 * import { TypedStreamError, decodeJSONEvents } from "@wai/typed-stream";
 *
 * try {
 *   for await (const value of decodeJSONEvents(new Response("data: {oops\n\n"))) {
 *     console.log(value);
 *   }
 * } catch (error) {
 *   if (TypedStreamError.isInstance(error) && error.code === "invalid-json") {
 *     console.log("bad event:", error.data); // "{oops"
 *   }
 * }
 * ```
 */
export class TypedStreamError extends Error {
  override readonly name = "TypedStreamError";
  /** What went wrong; see {@link TypedStreamErrorCode}. */
  declare readonly code: TypedStreamErrorCode;
  /** The offending input, as described for each {@link TypedStreamErrorCode}. */
  declare readonly data: unknown;
  /** The schema's issues, for `"schema-mismatch"`; otherwise `undefined`. */
  declare readonly issues: readonly StandardSchemaV1.Issue[] | undefined;
  // Read by isInstance through the registered symbol, so copies of the package agree.
  readonly [marker] = true;

  constructor(message: string, options: TypedStreamErrorOptions) {
    super(message, options);
    Object.assign(this, options);
  }

  /**
   * Tells whether `value` is a {@link TypedStreamError}, from any copy of this package.
   *
   * @example
   * ```ts
   * import { TypedStreamError } from "@wai/typed-stream";
   *
   * const error: unknown = new TypedStreamError("no [DONE]", { code: "truncated" });
   * TypedStreamError.isInstance(error); // true
   * ```
   */
  static isInstance(value: unknown): value is TypedStreamError {
    return (value as Record<symbol, unknown> | undefined)?.[marker] === true;
  }
}
