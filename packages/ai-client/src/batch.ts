// Async batch: queue the requests, poll with backoff, answer in request order.
import type { AiModelCatalog, AiModelId, Model, ModelInput, SafeResult } from "@wai/ai-models";
import { AiClientError } from "./ai-client-error.js";
import { callScope, parseCode, sleep, toClientError } from "./call.js";
import { coreOf } from "./core.js";
import type { AiClient } from "./create-ai.js";
import { normalizeOutput } from "./output.js";
import type { CallOptions, OutputOf, UnknownModelId } from "./types.js";

/** The options of {@link batch}. */
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

/**
 * Runs requests as an async batch (`queueRequest`), polls until done, and returns one
 * result per request, in request order: `{ success: true, value }` or
 * `{ success: false, error }`.
 *
 * @param ai - A client made by {@link createAi}.
 * @param model - A model value or id, as for `ai.run`.
 * @param requests - The inputs, each checked before anything is sent.
 * @param options - The polling, and the call's options.
 * @throws {@link AiClientError} (rejects) when the batch cannot be queued or polled.
 *
 * @example
 * ```ts
 * import { batch, createAi } from "@wai/ai-client";
 *
 * export async function embed(env: { AI: Ai }, texts: string[]): Promise<number> {
 *   const results = await batch(
 *     createAi(env.AI),
 *     "@cf/baai/bge-small-en-v1.5",
 *     texts.map((text) => ({ text })),
 *   );
 *   return results.filter((result) => result.success).length;
 * }
 * ```
 */
export function batch<M extends Model>(
  ai: AiClient,
  model: M,
  requests: readonly ModelInput<M>[],
  options?: BatchOptions,
): Promise<BatchResult<OutputOf<M>>[]>;
export function batch<Id extends AiModelId>(
  ai: AiClient,
  model: Id,
  requests: readonly AiModelCatalog[Id]["input"][],
  options?: BatchOptions,
): Promise<BatchResult<OutputOf<Id>>[]>;
export function batch<Id extends string>(
  ai: AiClient,
  model: UnknownModelId<Id>,
  requests: readonly Record<string, unknown>[],
  options?: BatchOptions,
): Promise<BatchResult<unknown>[]>;
export async function batch(
  ai: AiClient,
  model: Model | string,
  requests: readonly unknown[],
  batchOptions?: BatchOptions,
): Promise<BatchResult<unknown>[]> {
  const core = coreOf(ai);
  const target = core.resolve(model);
  const options = core.options(batchOptions);
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
      await sleep(delay, scope);
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
