const marker = Symbol.for("wai.ChatStreamError");

/**
 * What went wrong, as a stable string to switch on.
 *
 * - `"invalid-sse-line"`: a line of the stream is not SSE. `data` is the line.
 * - `"invalid-utf8"`: the stream's bytes are not UTF-8.
 * - `"invalid-json"`: an event's data is not JSON. `data` is the data string.
 * - `"http-error"`: a `Response` given as input was not ok. `data` is `{ status, body }`.
 * - `"invalid-chunk"`: an event's JSON is not an object (so it is no chunk of any known
 *   format). `data` is the parsed value.
 * - `"invalid-output"`: a non-streamed output given to `normalizeChatOutput` is not an
 *   object. `data` is the value.
 * - `"invalid-tool-arguments"`: a tool call's arguments are not JSON. `data` is the raw
 *   argument text. This one is never thrown: it is carried by the `tool-call` event as
 *   `argumentsError`, so that the consumer can answer the model.
 *
 * The first four come from `@wai/typed-stream`; its `TypedStreamError` is the `cause`.
 */
export type ChatStreamErrorCode =
  | "invalid-sse-line"
  | "invalid-utf8"
  | "invalid-json"
  | "http-error"
  | "invalid-chunk"
  | "invalid-output"
  | "invalid-tool-arguments";

/** The options of the {@link ChatStreamError} constructor. */
export interface ChatStreamErrorOptions {
  /** What went wrong. */
  code: ChatStreamErrorCode;
  /** The offending input, as described for each {@link ChatStreamErrorCode}. */
  data?: unknown;
  /** The underlying error: a `TypedStreamError`, or the `SyntaxError` of `JSON.parse`. */
  cause?: unknown;
}

/**
 * The error of chat stream decoding and output normalization, with a stable `name`, a
 * `code` and the offending `data`. Recognize it with {@link ChatStreamError.isInstance},
 * which works across two installed copies of the package (where `instanceof` does not).
 *
 * @example
 * ```ts
 * import { ChatStreamError, decodeChatStream } from "@wai/ai-models";
 *
 * try {
 *   for await (const event of decodeChatStream(new Response("data: {oops\n\n"))) console.log(event);
 * } catch (error) {
 *   if (ChatStreamError.isInstance(error)) console.log(error.code, error.data); // "invalid-json" "{oops"
 * }
 * ```
 */
export class ChatStreamError extends Error {
  override readonly name = "ChatStreamError";
  /** What went wrong; see {@link ChatStreamErrorCode}. */
  declare readonly code: ChatStreamErrorCode;
  /** The offending input, as described for each {@link ChatStreamErrorCode}. */
  declare readonly data: unknown;
  // Read by isInstance through the registered symbol, so copies of the package agree.
  readonly [marker] = true;

  constructor(message: string, options: ChatStreamErrorOptions) {
    super(message, options);
    Object.assign(this, options);
  }

  /**
   * Tells whether `value` is a {@link ChatStreamError}, from any copy of this package.
   *
   * @example
   * ```ts
   * import { ChatStreamError } from "@wai/ai-models";
   *
   * ChatStreamError.isInstance(new ChatStreamError("bad", { code: "invalid-chunk" })); // true
   * ```
   */
  static isInstance(value: unknown): value is ChatStreamError {
    return (value as Record<symbol, unknown> | undefined)?.[marker] === true;
  }
}
