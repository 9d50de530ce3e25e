import { type Model, safeParseInput } from "@wai/ai-models";
import { getModel } from "@wai/ai-models/registry";
import {
  AiInternalError,
  abortError,
  errorCodes,
  errorResponse,
  parseErrorResponse,
} from "./errors.js";
import { fromBase64 } from "./files.js";
import { searchModels } from "./models-search.js";
import { createRandom, hash32, stableJson, uuidFrom } from "./random.js";
import { chunkStream, chunksOf, sseChunks } from "./sse.js";
import { type Answer, type AnswerContext, answerModel } from "./tasks.js";
import type {
  EmulatorCall,
  EmulatorModelInfo,
  EmulatorModelsParams,
  EmulatorOptions,
  RecordedCall,
  ScriptedReply,
  ScriptOptions,
  ServeOptions,
} from "./types.js";

/** The options `run` takes (workers-types' `AiOptions`, and `rejectIfBusy`). */
export interface EmulatorRunOptions {
  queueRequest?: boolean | undefined;
  websocket?: boolean | undefined;
  tags?: string[] | undefined;
  gateway?: { id: string; [key: string]: unknown } | undefined;
  returnRawResponse?: boolean | undefined;
  prefix?: string | undefined;
  extraHeaders?: object | undefined;
  signal?: AbortSignal | undefined;
  rejectIfBusy?: boolean | undefined;
  [key: string]: unknown;
}

/**
 * The emulator: an object with the `env.AI` binding's shape (assignable to
 * `@cloudflare/workers-types`' `Ai`), and the controls of a test double (scripts,
 * faults, recorded calls).
 */
export interface Emulator {
  /**
   * Runs a model as `env.AI.run` does: JSON answers parsed, streamed text and files as a
   * `ReadableStream<Uint8Array>`, the `Response` itself with `returnRawResponse`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the binding's overloads are typed by workers-types.
  run(model: string, inputs: any, options?: EmulatorRunOptions): Promise<any>;
  /** The catalog, as `env.AI.models()` lists it. */
  models(params?: EmulatorModelsParams): Promise<EmulatorModelInfo[]>;
  /** The `cf-ai-req-id` of the last answer. */
  lastRequestId: string | null;
  /** The HTTP status of the last answer. */
  lastRequestHttpStatusCode: number | null;
  /** The Workers AI code of the last error. */
  lastRequestInternalStatusCode: number | null;
  /** The AI Gateway log id of the last answer through a gateway. */
  aiGatewayLogId: string | null;
  /** Not emulated: throws an {@link AiInternalError}. */
  gateway(gatewayId: string): never;
  /** Not emulated: throws an {@link AiInternalError}. */
  autorag(autoragId?: string): never;
  /** Not emulated: throws an {@link AiInternalError}. */
  aiSearch(): never;
  /** Not emulated: throws an {@link AiInternalError}. */
  websearch(request?: unknown): never;
  /** Not emulated: throws an {@link AiInternalError}. */
  toMarkdown(files?: unknown, options?: unknown): never;
  /** Scripts the next reply (or the next `times` replies) of a model, or of any model. */
  script(reply: ScriptedReply, options?: ScriptOptions): Emulator;
  /** Answers 3040 (busy) to the next `count` calls. */
  busy(count: number): Emulator;
  /** Every call answered, oldest first. */
  readonly calls: readonly EmulatorCall[];
  /** Forgets scripts, calls, batches and the last-request fields. */
  reset(): void;
  /**
   * The emulated service itself: the `Response` Workers AI's backend would send for a
   * call (what the binding reads; the REST server and recorder build on it).
   */
  serve(
    model: string,
    inputs: unknown,
    options?: Record<string, unknown>,
    serveOptions?: ServeOptions,
  ): Promise<Response>;
}

interface BatchJob {
  model: Model;
  requests: unknown[];
  polls: number;
  answer?: unknown;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(abortError(signal));
    });
  });

function isStreamLike(value: unknown): boolean {
  return (
    (typeof ReadableStream !== "undefined" && value instanceof ReadableStream) ||
    (typeof FormData !== "undefined" && value instanceof FormData)
  );
}

/** A JSON-safe copy (byte arrays as arrays, streams as "[stream]"). */
function copy(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(stableJson(value) ?? "null");
}

function withoutSignal(options: Record<string, unknown>): Record<string, unknown> {
  const { signal: _signal, ...rest } = options;
  return copy(rest) as Record<string, unknown>;
}

/** Checks done by the binding before sending (workerd's ai-api.ts): stream inputs. */
function checkStreamInputs(inputs: unknown, options: EmulatorRunOptions): void {
  if (!inputs || typeof inputs !== "object") return;
  const keys = Object.entries(inputs as Record<string, unknown>).filter(([, value]) => {
    if (isStreamLike(value)) return true;
    return (
      value !== null &&
      typeof value === "object" &&
      isStreamLike((value as { body?: unknown }).body)
    );
  });
  if (keys.length > 1)
    throw new AiInternalError(
      `Multiple ReadableStreams are not supported. Found streams in keys: [${keys.map(([key]) => key).join(", ")}]`,
    );
  const [entry] = keys;
  if (!entry) return;
  if (options.gateway)
    throw new AiInternalError("AI Gateway does not support ReadableStreams yet.");
  const contentType = (entry[1] as { contentType?: unknown }).contentType;
  if (
    !isStreamLike((entry[1] as { body?: unknown }).body) ||
    typeof contentType !== "string" ||
    !contentType
  )
    throw new AiInternalError("Content-Type is required with ReadableStream inputs");
}

function notEmulated(member: string): never {
  throw new AiInternalError(
    `${member} is not emulated by @wai/ai-emulator: only run() and models() are (see the README, "What is not emulated").`,
  );
}

/** A stream that errors with an AbortError (and cancels its source) when the signal aborts. */
function abortable(
  source: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let onAbort: (() => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onAbort = () => {
          controller.error(abortError(signal));
          reader.cancel(abortError(signal)).catch(() => {});
        };
        signal.addEventListener("abort", onAbort, { once: true });
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (signal.aborted) return;
          if (done) {
            signal.removeEventListener("abort", onAbort as () => void);
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          if (!signal.aborted) controller.error(error);
        }
      },
      cancel(reason) {
        signal.removeEventListener("abort", onAbort as () => void);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function replayResponse(recorded: RecordedCall, headers: Headers): Response {
  if (recorded.kind === "error") {
    const message = recorded.error?.message ?? "";
    const match = /^(\d{3,5}): ([\s\S]*)$/.exec(message);
    headers.set("content-type", "application/json");
    const body =
      match && recorded.error?.name !== "InferenceUpstreamError"
        ? JSON.stringify({
            internalCode: Number(match[1]),
            name: recorded.error?.name,
            message: `${recorded.error?.name}: ${match[2]}`,
            description: match[2],
          })
        : match
          ? JSON.stringify({ errors: [{ code: Number(match[1]), message: match[2] }] })
          : message;
    if (!match) headers.set("content-type", "text/plain");
    return new Response(body, { status: recorded.status >= 400 ? recorded.status : 500, headers });
  }
  headers.set("content-type", recorded.contentType);
  const chunks = recorded.chunks.map((chunk) => fromBase64(chunk) ?? new Uint8Array(0));
  return new Response(chunkStream(chunksOf(chunks), {}), { status: recorded.status, headers });
}

/**
 * Makes a local Workers AI: an object with the binding's shape (`run`, `models`,
 * `lastRequestId`...), assignable to `@cloudflare/workers-types`' `Ai`, that answers
 * every catalog model deterministically and offline, as the real service does on the
 * wire. See the README for the rules it follows (replies, tool calls, errors).
 *
 * @param options - how it answers: chunking, seed, reply length, limits, clock, replay.
 *
 * @example
 * ```ts
 * import { createEmulator } from "@wai/ai-emulator";
 *
 * const ai = createEmulator();
 * const answer = await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "What is a haiku?" });
 * console.log(answer.response);
 * ```
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const scripts: { reply: ScriptedReply; model?: string | undefined; times: number }[] = [];
  const calls: EmulatorCall[] = [];
  const batches = new Map<string, BatchJob>();
  const replayed = new Set<RecordedCall>();
  let busy = 0;
  let requestCount = 0;
  const now = options.now ?? Date.now;
  const maxRequestBytes = options.maxRequestBytes ?? 10_000_000;
  const batchPolls = options.batchPolls ?? 2;

  const takeScript = (model: string): ScriptedReply | undefined => {
    const index = scripts.findIndex((entry) => entry.model === undefined || entry.model === model);
    if (index < 0) return undefined;
    const entry = scripts[index] as (typeof scripts)[number];
    if (--entry.times <= 0) scripts.splice(index, 1);
    return entry.reply;
  };

  const answerContext = (
    script: ScriptedReply | undefined,
    serveOptions: ServeOptions,
    inputJson?: string,
  ): AnswerContext => ({
    inputJson,
    script,
    replyTokens: options.replyTokens,
    defaultMaxTokens: options.defaultMaxTokens ?? 256,
    now: now(),
    openai: serveOptions.openai,
    trailer: serveOptions.trailer,
  });

  const batchPoll = (job: BatchJob, requestId: string, serveOptions: ServeOptions): unknown => {
    job.polls++;
    if (job.polls <= batchPolls)
      return { status: job.polls === 1 ? "queued" : "running", request_id: requestId };
    if (job.answer) return job.answer;
    const usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    const responses = job.requests.map((request, id) => {
      const { external_reference, ...input } = (request ?? {}) as Record<string, unknown>;
      const reference = typeof external_reference === "string" ? { external_reference } : {};
      const parsed = safeParseInput(job.model, input as never);
      if (!parsed.success)
        return {
          id,
          success: false,
          ...reference,
          result: {},
          errors: [
            { code: 3010, message: `${errorCodes[3010].description}: ${parsed.error.message}` },
          ],
        };
      const answer = answerModel(
        job.model,
        { ...input, stream: false },
        answerContext(undefined, serveOptions),
      );
      const result = answer.kind === "json" ? answer.value : {};
      const itemUsage = (result as { usage?: typeof usage }).usage;
      if (itemUsage) {
        usage.prompt_tokens += itemUsage.prompt_tokens ?? 0;
        usage.completion_tokens += itemUsage.completion_tokens ?? 0;
        usage.total_tokens += itemUsage.total_tokens ?? 0;
      }
      return { id, success: true, ...reference, result };
    });
    // The service answers in any order: a seeded shuffle, so that nobody relies on it.
    const random = createRandom(hash32(requestId));
    for (let index = responses.length - 1; index > 0; index--) {
      const other = random.int(index + 1);
      [responses[index], responses[other]] = [responses[other] as never, responses[index] as never];
    }
    job.answer = { responses, usage };
    return job.answer;
  };

  const serve: Emulator["serve"] = async (modelId, inputs, runOptions = {}, serveOptions = {}) => {
    const via = serveOptions.via ?? "binding";
    const requestId = crypto.randomUUID();
    const headers = new Headers({ "cf-ai-req-id": requestId });
    if (runOptions.gateway) {
      headers.set("cf-aig-log-id", crypto.randomUUID());
      headers.set("cf-aig-cache-status", "MISS");
    }
    // The inputs as stable JSON, once: the call's copy, the size, the seeds.
    const inputJson = inputs === undefined ? undefined : (stableJson(inputs) as string | undefined);
    const call: EmulatorCall = {
      model: modelId,
      inputs: inputs === undefined ? undefined : JSON.parse(inputJson ?? "null"),
      options: withoutSignal(runOptions),
      status: 200,
      contentType: "application/json",
      via,
    };
    calls.push(call);
    const fail = (code: number, description?: string): Response => {
      const response = errorResponse(code, description, headers);
      call.status = response.status;
      call.errorCode = code;
      call.output = {
        internalCode: code,
        description:
          description ?? (errorCodes as Record<number, { description: string }>)[code]?.description,
      };
      return response;
    };
    const script = takeScript(modelId);
    if (script?.latency?.responseMs) await sleep(script.latency.responseMs, serveOptions.signal);

    if (options.replay) {
      const key = stableJson(copy(inputs));
      const matches = options.replay.calls.filter(
        (entry) => entry.model === modelId && stableJson(entry.inputs) === key,
      );
      const recorded = matches.find((entry) => !replayed.has(entry)) ?? matches.at(-1);
      if (recorded) {
        replayed.add(recorded);
        const response = replayResponse(recorded, headers);
        call.status = response.status;
        call.contentType = response.headers.get("content-type") ?? "";
        return response;
      }
    }
    if (busy > 0) {
      busy--;
      return fail(3040);
    }
    const model = getModel(modelId);
    if (!model) return fail(5007, `No such model ${modelId} or task`);
    if (typeof inputs !== "object" || inputs === null)
      return fail(3010, `${errorCodes[3010].description}: the input must be an object`);
    const size = inputJson?.length ?? 0;
    if (size > maxRequestBytes)
      return fail(3006, `Request is too large: ${size} bytes, the limit is ${maxRequestBytes}`);
    if (script?.error) return fail(script.error.code, script.error.message);

    const record = inputs as Record<string, unknown>;
    // Async batch: polling, then queueing.
    if (typeof record.request_id === "string" && Object.keys(record).length === 1) {
      const job = batches.get(record.request_id);
      if (!job || job.model !== model)
        return fail(3010, `${errorCodes[3010].description}: no batch request ${record.request_id}`);
      return json(batchPoll(job, record.request_id, serveOptions));
    }
    if (runOptions.queueRequest) {
      if (!model.capabilities.asyncBatch)
        return fail(
          3010,
          `${errorCodes[3010].description}: ${model.id} does not take async batch requests`,
        );
      if (!Array.isArray(record.requests))
        return fail(
          3010,
          `${errorCodes[3010].description}: an async batch request needs "requests"`,
        );
      const id = uuidFrom(
        createRandom(hash32(`${requestCount++}:${stableJson(record)}`, options.seed ?? 0)),
      );
      batches.set(id, { model, requests: record.requests, polls: 0 });
      return json({ status: "queued", request_id: id, model: model.id });
    }

    const parsed = safeParseInput(model, inputs as never);
    if (!parsed.success) {
      const issues = parsed.error.message.replace(/^Invalid input for [^:]+: /, "");
      return serveOptions.rest
        ? fail(5006, `AiError: Bad input: ${issues}`)
        : fail(3010, `${errorCodes[3010].description}: ${issues}`);
    }
    let answer: Answer;
    try {
      answer = answerModel(model, record, answerContext(script, serveOptions, inputJson));
    } catch (error) {
      return fail(3001, `Internal server error: ${(error as Error).message}`);
    }
    return respond(answer);

    function json(value: unknown): Response {
      headers.set("content-type", "application/json");
      const text = JSON.stringify(value);
      call.output = value;
      call.bytes = new TextEncoder().encode(text);
      return new Response(text, { status: 200, headers });
    }

    function respond(answer: Answer): Response {
      if (answer.kind === "json") return json(answer.value);
      const collected: Uint8Array[] = [];
      const hooks = {
        onChunk: (chunk: Uint8Array) => collected.push(chunk),
        onEnd: () => {
          // Joined when asked for: most calls are never inspected.
          let joined: Uint8Array | undefined;
          Object.defineProperty(call, "bytes", {
            enumerable: true,
            configurable: true,
            get() {
              if (!joined) {
                joined = new Uint8Array(collected.reduce((sum, chunk) => sum + chunk.length, 0));
                let at = 0;
                for (const chunk of collected) {
                  joined.set(chunk, at);
                  at += chunk.length;
                }
              }
              return joined;
            },
          });
        },
      };
      const pace = {
        firstChunkMs: script?.latency?.firstChunkMs,
        betweenChunksMs: script?.latency?.betweenChunksMs,
        failAfterChunks: script?.failAfterChunks,
      };
      if (answer.kind === "binary") {
        headers.set("content-type", answer.contentType);
        call.contentType = answer.contentType;
        const chunks: Uint8Array[] = [];
        for (let at = 0; at < answer.bytes.length; at += 65536)
          chunks.push(answer.bytes.subarray(at, at + 65536));
        return new Response(chunkStream(chunksOf(chunks), pace, hooks), { status: 200, headers });
      }
      headers.set("content-type", "text/event-stream");
      call.contentType = "text/event-stream";
      // The events are written as the stream is read: the first chunk leaves at once.
      const events = script?.truncate ? answer.events.truncated() : answer.events;
      const chunks = sseChunks(events, {
        chunking: options.chunking ?? "random",
        seed: hash32(inputJson ?? "", (options.seed ?? 0) ^ 0x5bd1e995),
      });
      return new Response(chunkStream(chunks, pace, hooks), { status: 200, headers });
    }
  };

  const emulator: Emulator = {
    lastRequestId: null,
    lastRequestHttpStatusCode: null,
    lastRequestInternalStatusCode: null,
    aiGatewayLogId: null,
    get calls() {
      return calls;
    },
    async run(model, inputs, runOptions = {}) {
      const signal = runOptions.signal;
      if (signal?.aborted) throw abortError(signal);
      if (runOptions.websocket) notEmulated("run() with { websocket: true }");
      checkStreamInputs(inputs, runOptions);
      const pending = serve(model, inputs, runOptions, { signal });
      const response = signal
        ? await new Promise<Response>((resolve, reject) => {
            const onAbort = () => reject(abortError(signal));
            signal.addEventListener("abort", onAbort, { once: true });
            pending
              .then(resolve, reject)
              .finally(() => signal.removeEventListener("abort", onAbort));
          })
        : await pending;
      emulator.lastRequestId = response.headers.get("cf-ai-req-id");
      emulator.aiGatewayLogId = response.headers.get("cf-aig-log-id");
      emulator.lastRequestHttpStatusCode = response.status;
      if (runOptions.returnRawResponse) return response;
      if (!response.ok || !response.body) {
        const text = await response.clone().text();
        const code = /"internalCode":(\d+)/.exec(text)?.[1];
        if (code) emulator.lastRequestInternalStatusCode = Number(code);
        throw await parseErrorResponse(response);
      }
      if (response.headers.get("content-type") === "application/json") return await response.json();
      return signal ? abortable(response.body, signal) : response.body;
    },
    async models(params) {
      return searchModels(params);
    },
    gateway: () => notEmulated("gateway()"),
    autorag: () => notEmulated("autorag()"),
    aiSearch: () => notEmulated("aiSearch()"),
    websearch: () => notEmulated("websearch()"),
    toMarkdown: () => notEmulated("toMarkdown()"),
    script(reply, scriptOptions = {}) {
      scripts.push({ reply, model: scriptOptions.model, times: scriptOptions.times ?? 1 });
      return emulator;
    },
    busy(count) {
      busy = count;
      return emulator;
    },
    reset() {
      scripts.length = 0;
      calls.length = 0;
      batches.clear();
      replayed.clear();
      busy = 0;
      emulator.lastRequestId = null;
      emulator.lastRequestHttpStatusCode = null;
      emulator.lastRequestInternalStatusCode = null;
      emulator.aiGatewayLogId = null;
    },
    serve,
  };
  return emulator;
}
