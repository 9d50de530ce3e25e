// Errors as Workers AI makes them: the service's JSON error body, the binding's
// `InferenceUpstreamError` made from it, and the codes with their HTTP statuses.

/**
 * The Workers AI error codes the emulator answers, with their HTTP status and the
 * service's description (see docs/wire-formats.md, "Errors").
 */
export const errorCodes = {
  1001: { status: 400, name: "InvalidInput", description: "Invalid input" },
  3001: { status: 500, name: "AiError", description: "Internal server error" },
  3003: { status: 400, name: "AiError", description: "Request is missing headers or body" },
  3006: { status: 413, name: "AiError", description: "Request is too large" },
  3007: { status: 408, name: "AiError", description: "Request timeout" },
  3008: { status: 408, name: "AiError", description: "Request aborted" },
  3010: { status: 400, name: "AiError", description: "Invalid or incomplete input for the model" },
  3036: {
    status: 429,
    name: "AiError",
    description:
      "Account limited: you have used up your daily free allocation of 10,000 neurons, please upgrade to Cloudflare's Workers Paid plan if you would like to continue usage.",
  },
  3040: {
    status: 429,
    name: "AiError",
    description: "Capacity temporarily exceeded, please try again.",
  },
  3042: { status: 404, name: "AiError", description: "Invalid model ID" },
  5004: { status: 400, name: "AiError", description: "Invalid data type for base64 input" },
  5006: { status: 400, name: "AiError", description: "Bad input" },
  5007: { status: 400, name: "AiError", description: "No such model or task" },
  7000: { status: 400, name: "Error", description: "No route for that URI" },
  7003: { status: 405, name: "Error", description: "Method not allowed" },
  6007: { status: 400, name: "Error", description: "Malformed JSON in request body" },
  10000: { status: 401, name: "Error", description: "Authentication error" },
} as const satisfies Record<number, { status: number; name: string; description: string }>;

/** A code of {@link errorCodes}. */
export type ErrorCode = keyof typeof errorCodes;

/** The JSON body of a Workers AI error response, as the binding reads it. */
export interface UpstreamErrorBody {
  internalCode: number;
  name: string;
  message: string;
  description: string;
}

/** The service's error response for a code: JSON, with the code's HTTP status. */
export function errorResponse(code: number, description?: string, headers?: HeadersInit): Response {
  const known = (
    errorCodes as Record<number, { status: number; name: string; description: string }>
  )[code];
  const text = description ?? known?.description ?? "Internal server error";
  const name = known?.name ?? "AiError";
  const body: UpstreamErrorBody = {
    internalCode: code,
    name,
    message: `${name}: ${text}`,
    description: text,
  };
  const responseHeaders = new Headers(headers);
  responseHeaders.set("content-type", "application/json");
  return new Response(JSON.stringify(body), {
    status: known?.status ?? 500,
    headers: responseHeaders,
  });
}

const upstreamMarker = Symbol.for("@wai/ai-emulator/InferenceUpstreamError");

/**
 * What the binding throws for an error response of the service, as workerd's `ai-api.ts`
 * builds it: `message` is `"<code>: <description>"`, and `name` is the name the service
 * sent (`"AiError"`, `"InvalidInput"`...) or `"InferenceUpstreamError"` for a body
 * without `internalCode`. The HTTP status is not on the error: read
 * `lastRequestHttpStatusCode` on the binding, as with the real one.
 *
 * @example
 * ```ts
 * import { createEmulator, InferenceUpstreamError } from "@wai/ai-emulator";
 *
 * const ai = createEmulator();
 * try {
 *   await ai.run("@cf/nobody/no-such-model", { prompt: "hi" });
 * } catch (error) {
 *   if (InferenceUpstreamError.isInstance(error)) console.log(error.message); // "5007: No such model @cf/nobody/no-such-model or task"
 * }
 * ```
 */
export class InferenceUpstreamError extends Error {
  constructor(message: string, name = "InferenceUpstreamError") {
    super(message);
    this.name = name;
    Object.defineProperty(this, upstreamMarker, { value: true });
  }

  /** Tells an error of this class, from any copy of the package. */
  static isInstance(error: unknown): error is InferenceUpstreamError {
    return typeof error === "object" && error !== null && upstreamMarker in error;
  }
}

/**
 * What the binding throws for a problem found before anything is sent (stream inputs),
 * and what the emulator throws for a member it does not emulate (`gateway()`,
 * `toMarkdown()`, `autorag()`, `aiSearch()`, `websearch()`, websockets).
 *
 * @example
 * ```ts
 * import { AiInternalError, createEmulator } from "@wai/ai-emulator";
 *
 * try {
 *   createEmulator().gateway("my-gateway");
 * } catch (error) {
 *   console.log(error instanceof AiInternalError, (error as Error).message);
 * }
 * ```
 */
export class AiInternalError extends Error {
  override readonly name = "AiInternalError";
}

/** Parses an error response the way the binding does (`_parseError` in workerd's ai-api.ts). */
export async function parseErrorResponse(response: Response): Promise<InferenceUpstreamError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<UpstreamErrorBody> & {
      errors?: { code?: number; message?: string }[];
    };
    if (body.internalCode !== undefined)
      return new InferenceUpstreamError(`${body.internalCode}: ${body.description}`, body.name);
    const first = body.errors?.[0];
    if (first) return new InferenceUpstreamError(`${first.code}: ${first.message}`);
  } catch {
    // Not JSON: the text is the message.
  }
  return new InferenceUpstreamError(text);
}

/** An `AbortError`, as `fetch` rejects with when its signal aborts. */
export function abortError(signal?: AbortSignal): Error {
  const reason = signal?.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  return new DOMException("The operation was aborted.", "AbortError");
}
