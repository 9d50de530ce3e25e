import type { StandardSchemaV1 } from "@standard-schema/spec";

const marker = Symbol.for("wai.AiModelsError");

/**
 * What went wrong, as a stable string to switch on.
 *
 * - `"invalid-tool-arguments"`: a model called a tool with arguments that are not JSON
 *   or do not match the tool's parameters; `data` is the raw arguments, `issues` the
 *   schema's issues (none when the JSON did not parse).
 * - `"unsupported-schema"`: a tool's `parameters` schema cannot be turned into an object's
 *   JSON Schema (neither valibot nor a Standard JSON Schema, or not an object), or cannot
 *   check arguments (its `validate` throws or answers no Standard Schema result).
 * - `"async-schema"`: a tool's `parameters` schema validates asynchronously; tools need a
 *   synchronous schema, so that a stream's tool calls are checked as they arrive.
 * - `"invalid-tool-name"`: a tool name that models do not accept (it must match
 *   `^[a-zA-Z0-9_-]{1,64}$`); `data` is the name.
 * - `"invalid-input"`: an input does not match its model's input schema; `data` is the
 *   input, `issues` every issue, each with its path (the message names them all).
 * - `"invalid-json"`: a streamed event's data is not JSON; `data` is the data string.
 * - `"invalid-chunk"`: a streamed event's JSON is not an object (so it is no chunk of
 *   any known format); `data` is the parsed value.
 * - `"invalid-output"`: what was given as a model's answer is not one: a non-streamed
 *   output given to `normalizeChatOutput` that is no chat answer, or a body given to
 *   `decodeChatStream` that is JSON, not a stream (the answer was not streamed); `data` is
 *   the value.
 *
 * In a `tool-call` stream event, `"invalid-tool-arguments"` is carried as
 * `argumentsError` instead of thrown, so that the consumer can answer the model.
 * Errors of the byte stream itself (invalid UTF-8, an HTTP error, a malformed SSE line)
 * are `@wai/typed-stream`'s `TypedStreamError`.
 */
export type AiModelsErrorCode =
  | "invalid-tool-arguments"
  | "unsupported-schema"
  | "async-schema"
  | "invalid-tool-name"
  | "invalid-input"
  | "invalid-json"
  | "invalid-chunk"
  | "invalid-output";

/** The options of the {@link AiModelsError} constructor. */
export interface AiModelsErrorOptions {
  /** What went wrong. */
  code: AiModelsErrorCode;
  /** The offending input, as described for each {@link AiModelsErrorCode}. */
  data?: unknown;
  /** The schema's issues, when there are any. */
  issues?: readonly StandardSchemaV1.Issue[] | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The error of `@wai/ai-models`, with a stable `name`, a `code`, the offending `data` and
 * the schema's `issues`. Recognize it with {@link AiModelsError.isInstance}, which works
 * across two installed copies of the package (where `instanceof` does not).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { AiModelsError, tool } from "@wai/ai-models";
 *
 * const weather = tool({ name: "weather", description: "Weather", parameters: v.object({ city: v.string() }) });
 * try {
 *   weather.parseArguments('{"town":"Paris"}');
 * } catch (error) {
 *   if (AiModelsError.isInstance(error)) console.log(error.code, error.data); // "invalid-tool-arguments" '{"town":"Paris"}'
 * }
 * ```
 */
export class AiModelsError extends Error {
  override readonly name = "AiModelsError";
  /** What went wrong; see {@link AiModelsErrorCode}. */
  declare readonly code: AiModelsErrorCode;
  /** The offending input. */
  declare readonly data: unknown;
  /** The schema's issues, when there are any. */
  declare readonly issues: readonly StandardSchemaV1.Issue[] | undefined;
  // Read by isInstance through the registered symbol, so copies of the package agree.
  readonly [marker] = true;

  constructor(message: string, options: AiModelsErrorOptions) {
    super(message, options);
    Object.assign(this, options);
  }

  /**
   * Tells whether `value` is an {@link AiModelsError}, from any copy of this package.
   *
   * @example
   * ```ts
   * import { AiModelsError } from "@wai/ai-models";
   *
   * AiModelsError.isInstance(new AiModelsError("no", { code: "unsupported-schema" })); // true
   * ```
   */
  static isInstance(value: unknown): value is AiModelsError {
    return (value as Record<symbol, unknown> | undefined)?.[marker] === true;
  }
}
