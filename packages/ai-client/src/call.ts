// One call to the binding: its options, its deadline and abort, its retries, and the
// translation of whatever the binding throws into an AiClientError.
import { AiModelsError } from "@wai/ai-models";
import { TypedStreamError } from "@wai/typed-stream";
import { AiClientError, type AiClientErrorKind } from "./ai-client-error.js";
import type { AiBinding, CallOptions, RetryOptions } from "./types.js";

const defaultRetry = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8000,
};

/** The code of a binding's error message: `"3040: ..."`, or the edge's `"error code: 1031"`. */
export function parseCode(message: string): number | undefined {
  const match = /(?:^|\s)(\d{3,5}):\s/.exec(message) ?? /error code: (\d{3,5})/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** The text after a `"<code>: "` prefix. */
const withoutCode = (message: string) => message.replace(/^\s*\d{3,5}:\s*/, "");

const isAbortError = (error: unknown) =>
  (error as Error | undefined)?.name === "AbortError" ||
  (error as Error | undefined)?.name === "TimeoutError";

/** What the caller sees for any failure: an AiClientError, with the call's context. */
export function toClientError(
  error: unknown,
  context: { model: string; binding?: AiBinding | undefined; signal?: AbortSignal | undefined },
): AiClientError {
  if (AiClientError.isInstance(error)) return error;
  // An abort: the reason the call's signal holds says whether it was a timeout.
  if (context.signal?.aborted && (isAbortError(error) || error === context.signal.reason)) {
    return abortReason(context.signal);
  }
  const { model } = context;
  if (AiModelsError.isInstance(error)) {
    const kind: AiClientErrorKind =
      error.code === "invalid-input"
        ? "invalid-input"
        : error.code === "invalid-json" || error.code === "invalid-chunk"
          ? "invalid-stream"
          : error.code === "invalid-tool-arguments"
            ? "invalid-tool-arguments"
            : "invalid-output";
    return new AiClientError(error.message, {
      kind,
      model,
      data: error.data,
      issues: error.issues,
      cause: error,
    });
  }
  if (TypedStreamError.isInstance(error)) {
    return new AiClientError(`The stream of ${model} cannot be decoded: ${error.message}`, {
      kind: "invalid-stream",
      model,
      data: error.data,
      cause: error,
    });
  }
  if (isAbortError(error)) {
    return new AiClientError(`The call to ${model} was aborted`, {
      kind: "aborted",
      model,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = parseCode(message);
  const binding = context.binding;
  const requestId = binding?.lastRequestId ?? undefined;
  // fetch's TypeError ("fetch failed", "Network connection lost"): no answer came.
  if (code === undefined && error instanceof TypeError) {
    return new AiClientError(`The request to ${model} failed: ${message}`, {
      kind: "network",
      model,
      cause: error,
    });
  }
  const status = code === undefined ? (binding?.lastRequestHttpStatusCode ?? undefined) : undefined;
  return new AiClientError(
    code === undefined
      ? `Workers AI failed for ${model}: ${message}`
      : `Workers AI error ${code} for ${model}: ${withoutCode(message)}`,
    {
      kind: "upstream",
      code,
      status: status ?? undefined,
      requestId,
      model,
      cause: error,
    },
  );
}

/** The error an aborted signal stands for: its reason when that is ours, else `"aborted"`. */
export function abortReason(signal: AbortSignal): AiClientError {
  const reason = signal.reason;
  if (AiClientError.isInstance(reason)) return reason;
  return new AiClientError("The call was aborted", { kind: "aborted", cause: reason });
}

/**
 * The deadline and abort of one call: a signal that aborts on the caller's signal or at
 * `timeoutMs`, its reason an AiClientError of kind `"aborted"` or `"timeout"`. `done()`
 * stops the timer.
 */
export interface CallScope {
  readonly signal: AbortSignal;
  /** Aborts the call (a stream's consumer cancelled it). */
  abort(reason: AiClientError): void;
  /** Ends the scope: the timer stops, the caller's signal is no longer listened to. */
  done(): void;
  /** Rejects when the call aborts, for racing a binding that ignores signals. */
  readonly aborted: Promise<never>;
}

export function callScope(model: string, options: CallOptions): CallScope {
  const controller = new AbortController();
  const abort = (reason: AiClientError) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onAbort = () =>
    abort(
      new AiClientError(`The call to ${model} was aborted`, {
        kind: "aborted",
        model,
        cause: options.signal?.reason,
      }),
    );
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(
          () =>
            abort(
              new AiClientError(`The call to ${model} timed out after ${options.timeoutMs} ms`, {
                kind: "timeout",
                model,
              }),
            ),
          options.timeoutMs,
        );
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(controller.signal.reason);
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener("abort", fail, { once: true });
  });
  aborted.catch(() => {});
  return {
    signal: controller.signal,
    abort,
    aborted,
    done() {
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    },
  };
}

/** Sleeps, or rejects with the scope's reason when it aborts first. */
export function sleep(ms: number, scope: CallScope): Promise<void> {
  return new Promise((resolve, reject) => {
    if (scope.signal.aborted) return reject(scope.signal.reason);
    const timer = setTimeout(() => {
      scope.signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(scope.signal.reason);
    };
    scope.signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The delay before retry number `attempt` (0-based): full jitter on an exponential cap. */
export function retryDelay(attempt: number, retry: RetryOptions): number {
  const initial = retry.initialDelayMs ?? defaultRetry.initialDelayMs;
  const max = retry.maxDelayMs ?? defaultRetry.maxDelayMs;
  return Math.random() * Math.min(max, initial * 2 ** attempt);
}

/** The options the binding's `run` receives. */
export function bindingOptions(options: CallOptions, scope: CallScope): Record<string, unknown> {
  const result: Record<string, unknown> = { ...options.bindingOptions, signal: scope.signal };
  if (options.gateway) result.gateway = options.gateway;
  if (options.tags) result.tags = options.tags;
  if (options.extraHeaders) result.extraHeaders = options.extraHeaders;
  return result;
}

/**
 * Calls `attempt` until it succeeds, a failure is not retryable, the retries are used
 * up, or the scope aborts; every failure is an AiClientError.
 */
export async function withRetries<T>(
  model: string,
  binding: AiBinding,
  options: CallOptions,
  scope: CallScope,
  attempt: () => Promise<T>,
): Promise<T> {
  const retry = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
  const maxRetries = retry.maxRetries ?? defaultRetry.maxRetries;
  for (let tries = 0; ; tries++) {
    try {
      return await Promise.race([attempt(), scope.aborted]);
    } catch (cause) {
      const error = toClientError(cause, { model, binding, signal: scope.signal });
      if (!error.retryable || tries >= maxRetries || scope.signal.aborted) throw error;
      await sleep(retryDelay(tries, retry), scope);
    }
  }
}
