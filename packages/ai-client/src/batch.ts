// Async batch: queue the requests, poll with backoff, answer in request order.
import type { SafeResult } from "@wai/ai-models";
import { AiClientError } from "./ai-client-error.js";
import { type CallScope, callScope, parseCode, toClientError } from "./call.js";
import type { ClientCore, Target } from "./core.js";
import { normalizeOutput } from "./output.js";
import type { CallOptions } from "./types.js";

/** The options of `ai.batch`. */
export interface BatchOptions extends CallOptions {
  /**
   * The wait before the first poll, in milliseconds; each next wait is 1.5 times longer,
   * up to `maxPollIntervalMs`.
   *
   * @defaultValue 1000
   */
  pollIntervalMs?: number | undefined;
  /**
   * The longest wait between two polls, in milliseconds.
   *
   * @defaultValue 30000
   */
  maxPollIntervalMs?: number | undefined;
}

/** One request's result: its output, or why it failed. */
export type BatchResult<Output> = SafeResult<Output, AiClientError>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const quote = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 500 ? `${text.slice(0, 500)}...` : text;
};

function wait(ms: number, scope: CallScope): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    scope.aborted.catch((reason) => {
      clearTimeout(timer);
      reject(reason);
    });
  });
}

/** The result of one response of a done batch. */
async function itemResult(model: string, response: unknown): Promise<BatchResult<unknown>> {
  const item = isObject(response) ? response : {};
  if (item.success !== false && "result" in item) {
    let value = item.result;
    // One documented example nests the result once more.
    if (isObject(value) && Object.keys(value).length === 1 && isObject(value.result)) {
      value = value.result;
    }
    return { success: true, value: await normalizeOutput(value) };
  }
  const errors = item.error ?? item.errors ?? item;
  const described: unknown = Array.isArray(errors) ? errors[0] : errors;
  const message =
    typeof described === "string"
      ? described
      : isObject(described) && typeof described.message === "string"
        ? `${described.code === undefined ? "" : `${described.code}: `}${described.message}`
        : quote(described);
  const error = new AiClientError(`A request of the batch of ${model} failed: ${message}`, {
    kind: "upstream",
    code:
      isObject(described) && typeof described.code === "number"
        ? described.code
        : parseCode(message),
    model,
    data: response,
  });
  return { success: false, issues: [{ message: error.message }], error };
}

export async function runBatch(
  core: ClientCore,
  target: Target,
  requests: readonly unknown[],
  options: BatchOptions,
): Promise<BatchResult<unknown>[]> {
  for (const request of requests) core.check(target, request);
  const scope = callScope(target.id, options);
  try {
    const queued = await core.call(
      target,
      { requests: [...requests] },
      { ...options, bindingOptions: { ...options.bindingOptions, queueRequest: true } },
      scope,
    );
    let answer = queued;
    const requestId = isObject(queued) ? queued.request_id : undefined;
    if (typeof requestId !== "string" && !(isObject(queued) && Array.isArray(queued.responses))) {
      throw new AiClientError(
        `The batch of ${target.id} was not queued: the answer has no request_id (${quote(queued)})`,
        { kind: "invalid-response", model: target.id, data: quote(queued) },
      );
    }
    let delay = options.pollIntervalMs ?? 1000;
    const maxDelay = options.maxPollIntervalMs ?? 30_000;
    while (!(isObject(answer) && Array.isArray(answer.responses))) {
      const status = isObject(answer) ? answer.status : undefined;
      if (answer !== queued && status !== "queued" && status !== "running") {
        throw new AiClientError(
          `A poll of the batch of ${target.id} answered neither a status nor responses: ${quote(answer)}`,
          { kind: "invalid-response", model: target.id, data: quote(answer) },
        );
      }
      await wait(delay, scope);
      delay = Math.min(maxDelay, delay * 1.5);
      answer = await core.call(target, { request_id: requestId }, options, scope);
    }
    const results: BatchResult<unknown>[] = requests.map(() => {
      const error = new AiClientError(`The batch of ${target.id} answered nothing for a request`, {
        kind: "invalid-response",
        model: target.id,
      });
      return { success: false, issues: [{ message: error.message }], error };
    });
    for (const [position, response] of (answer.responses as unknown[]).entries()) {
      const id = isObject(response) && typeof response.id === "number" ? response.id : position;
      if (id >= 0 && id < results.length) results[id] = await itemResult(target.id, response);
    }
    return results;
  } catch (cause) {
    throw toClientError(cause, { model: target.id, binding: core.binding, signal: scope.signal });
  } finally {
    scope.done();
  }
}
