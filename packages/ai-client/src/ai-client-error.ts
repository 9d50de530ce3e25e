import type { StandardSchemaV1 } from "@standard-schema/spec";

const marker = Symbol.for("wai.AiClientError");

/**
 * What kind of failure, as a stable string to switch on.
 *
 * - `"invalid-input"`: the input does not fit the model's schema (or asks for what the
 *   call does not do, such as `stream: true` given to `run`); nothing was sent. `issues`
 *   holds each issue with its path, `data` the input.
 * - `"upstream"`: Workers AI answered with an error: `code` is its code (`3040`,
 *   `5007`...), `status` the HTTP status where known.
 * - `"invalid-response"`: an answer that is not what the API documents (a REST body that
 *   is not the `{result, success}` envelope, a batch poll that is neither pending nor
 *   done); `data` quotes it, cut to 500 characters.
 * - `"invalid-output"`: the output does not fit the model's output schema
 *   (`validateOutput`), or a structured answer does not fit its schema; `text` is the
 *   raw answer, `issues` the schema's issues.
 * - `"invalid-stream"`: a stream that cannot be decoded (an event that is not JSON, a
 *   malformed line, bytes that are not UTF-8).
 * - `"network"`: the request or the stream's connection failed (`cause` says how).
 * - `"aborted"`: the caller's `AbortSignal` aborted, or the stream was cancelled.
 * - `"timeout"`: `timeoutMs` elapsed.
 * - `"invalid-tool-arguments"`: a model called a tool with arguments that do not fit
 *   its schema, and the tool loop was told to throw (`onInvalidArguments: "throw"`);
 *   `data` is the raw arguments.
 * - `"tool-execution"`: a tool's `execute` threw; `cause` is what it threw.
 * - `"unknown-tool"`: a model called a tool the loop does not have, and the loop was
 *   told to throw.
 */
export type AiClientErrorKind =
  | "invalid-input"
  | "upstream"
  | "invalid-response"
  | "invalid-output"
  | "invalid-stream"
  | "network"
  | "aborted"
  | "timeout"
  | "invalid-tool-arguments"
  | "tool-execution"
  | "unknown-tool";

/** The options of the {@link AiClientError} constructor. */
export interface AiClientErrorOptions {
  /** What kind of failure; see {@link AiClientErrorKind}. */
  kind: AiClientErrorKind;
  /** The Workers AI error code (`3040`...), when there is one. */
  code?: number | undefined;
  /** The HTTP status, when known. */
  status?: number | undefined;
  /**
   * Whether trying again may succeed.
   *
   * @defaultValue derived from `kind`, `code` and `status` (see {@link isRetryable})
   */
  retryable?: boolean | undefined;
  /** Workers AI's request id (`cf-ai-req-id`), when known. */
  requestId?: string | undefined;
  /** The model id of the call. */
  model?: string | undefined;
  /** The offending value: an input, a quoted answer, raw arguments. */
  data?: unknown;
  /** The raw text of an answer that does not fit its schema. */
  text?: string | undefined;
  /** A schema's issues. */
  issues?: readonly StandardSchemaV1.Issue[] | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The HTTP status of each documented Workers AI error code (docs/wire-formats.md,
 * "Errors"), for errors that come without one (the binding does not put it on its
 * errors).
 */
const statusOfCode: Readonly<Record<number, number>> = {
  3003: 400,
  3039: 400,
  5004: 400,
  5007: 400,
  3010: 400,
  5006: 400,
  8001: 400,
  1001: 400,
  7000: 400,
  3023: 403,
  3041: 403,
  5018: 403,
  5016: 403,
  3042: 404,
  5005: 405,
  5019: 405,
  3007: 408,
  3008: 408,
  3006: 413,
  3036: 429,
  3040: 429,
  3001: 500,
  10000: 401,
};

/**
 * Whether a failure is worth trying again: Workers AI's capacity (3040), timeout (3007)
 * and internal (3001) errors, HTTP 408, 409, 429 and 5xx, and network failures. Not the
 * daily free allocation being used up (3036, a 429 that no retry fixes today), nor
 * anything the caller has to fix.
 *
 * @example
 * ```ts
 * import { isRetryable } from "@wai/ai-client";
 *
 * isRetryable({ kind: "upstream", code: 3040 }); // true
 * isRetryable({ kind: "upstream", code: 5007, status: 400 }); // false
 * ```
 */
export function isRetryable(
  failure: Pick<AiClientErrorOptions, "kind" | "code" | "status">,
): boolean {
  const { kind, code, status } = failure;
  if (kind === "network") return true;
  if (kind !== "upstream") return false;
  if (code === 3036) return false;
  if (code === 3040 || code === 3007 || code === 3001) return true;
  const httpStatus = status ?? (code === undefined ? undefined : statusOfCode[code]);
  if (httpStatus === undefined) return false;
  return httpStatus === 408 || httpStatus === 409 || httpStatus === 429 || httpStatus >= 500;
}

/**
 * The one error of `@wai/ai-client`: every failure of the binding, the REST API, a stream,
 * a tool or a check comes as an `AiClientError`, with a stable `name`, a `kind`, the
 * Workers AI `code` and HTTP `status` where known, whether a retry can help
 * (`retryable`), the request id, and the `cause`. Recognize it with
 * {@link AiClientError.isInstance}, which works across two installed copies of the
 * package (where `instanceof` does not). No field ever holds an API token.
 *
 * @example
 * ```ts
 * import { AiClientError, createAi } from "@wai/ai-client";
 *
 * const ai = createAi({
 *   run: async () => {
 *     throw new Error("3040: Capacity temporarily exceeded, please try again.");
 *   },
 * }, { retry: false });
 * try {
 *   await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "Hi" });
 * } catch (error) {
 *   if (AiClientError.isInstance(error)) console.log(error.kind, error.code, error.status, error.retryable); // "upstream" 3040 429 true
 * }
 * ```
 */
export class AiClientError extends Error {
  override readonly name = "AiClientError";
  /** What kind of failure; see {@link AiClientErrorKind}. */
  declare readonly kind: AiClientErrorKind;
  /** The Workers AI error code, when there is one. */
  declare readonly code: number | undefined;
  /** The HTTP status, when known (given, or the documented status of `code`). */
  declare readonly status: number | undefined;
  /** Whether trying again may succeed. */
  declare readonly retryable: boolean;
  /** Workers AI's request id, when known. */
  declare readonly requestId: string | undefined;
  /** The model id of the call. */
  declare readonly model: string | undefined;
  /** The offending value. */
  declare readonly data: unknown;
  /** The raw text of an answer that does not fit its schema. */
  declare readonly text: string | undefined;
  /** A schema's issues. */
  declare readonly issues: readonly StandardSchemaV1.Issue[] | undefined;
  // Read by isInstance through the registered symbol, so copies of the package agree.
  readonly [marker] = true;

  constructor(message: string, options: AiClientErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const status =
      options.status ?? (options.code === undefined ? undefined : statusOfCode[options.code]);
    Object.assign(this, {
      code: undefined,
      requestId: undefined,
      model: undefined,
      data: undefined,
      text: undefined,
      issues: undefined,
      ...options,
      status,
      retryable: options.retryable ?? isRetryable({ ...options, status }),
    });
  }

  /**
   * Tells whether `value` is an {@link AiClientError}, from any copy of this package.
   *
   * @example
   * ```ts
   * import { AiClientError } from "@wai/ai-client";
   *
   * AiClientError.isInstance(new AiClientError("no", { kind: "timeout" })); // true
   * ```
   */
  static isInstance(value: unknown): value is AiClientError {
    return (value as Record<symbol, unknown> | undefined)?.[marker] === true;
  }
}
