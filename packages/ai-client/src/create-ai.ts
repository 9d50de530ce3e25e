import type { AiModelCatalog, AiModelId, Model, ModelInput, StreamableModel } from "@wai/ai-models";
import { AiClientError } from "./ai-client-error.js";
import { callScope, toClientError } from "./call.js";
import type { ChatStream } from "./chat-stream.js";
import { clientCore, prepare } from "./core.js";
import { normalizeOutput } from "./output.js";
import type {
  AiBinding,
  AiClientOptions,
  AiServiceBinding,
  CallOptions,
  OutputOf,
  RunOptions,
  StreamableModelId,
  UnknownModelId,
} from "./types.js";

/**
 * The client {@link createAi} makes: `run` and `stream`. Each takes the model as a
 * catalog model value (its schemas check the input), or as an id: a catalog id is typed
 * through `AiModelCatalog` (checked at run time only when the client knows the model,
 * see `models`), and an id the catalog does not know is sent as given, untyped.
 *
 * The other features are functions that take the client, so that a Worker's bundle
 * holds only those it uses: {@link runTools} and {@link streamTools} (the tool loop),
 * {@link structured} (structured output) and {@link batch} (async batch).
 */
export interface AiClient {
  /** The binding the client calls. */
  readonly binding: AiBinding;

  /**
   * Runs a model and returns its typed output. The input is checked against the model's
   * schema before anything is sent, and never changed. A binary output (an image, audio)
   * is a `Uint8Array` whatever form the model sent it in (a stream, bytes, base64 JSON).
   * `stream: true` is refused: use {@link AiClient.stream}.
   *
   * @throws {@link AiClientError} for every failure, after the retries.
   */
  run<M extends Model>(model: M, input: ModelInput<M>, options?: RunOptions): Promise<OutputOf<M>>;
  run<Id extends AiModelId>(
    model: Id,
    input: AiModelCatalog[Id]["input"],
    options?: RunOptions,
  ): Promise<OutputOf<Id>>;
  run<Id extends string>(
    model: UnknownModelId<Id>,
    input: Record<string, unknown>,
    options?: RunOptions,
  ): Promise<unknown>;

  /**
   * Streams a chat answer (the input is sent with `stream: true`, in a copy): a
   * {@link ChatStream} of chat events with promises of the final answer. A model that
   * answers JSON instead yields the same events. Retries happen only before the answer
   * starts.
   *
   * @throws {@link AiClientError} `"invalid-input"` at once for an input that does not
   *   fit; every later failure errors the stream.
   */
  stream<M extends StreamableModel>(
    model: M,
    input: ModelInput<M>,
    options?: CallOptions,
  ): ChatStream;
  stream<Id extends StreamableModelId>(
    model: Id,
    input: AiModelCatalog[Id]["input"],
    options?: CallOptions,
  ): ChatStream;
  stream<Id extends string>(
    model: UnknownModelId<Id>,
    input: Record<string, unknown>,
    options?: CallOptions,
  ): ChatStream;
}

/**
 * Makes a typed client of Workers AI around a binding: `env.AI` in a Worker (typed as
 * `@cloudflare/workers-types`' `Ai`, or `Service | Ai` with a wrangler environment that
 * swaps it for the emulator), the emulator's binding, or {@link restBinding} outside
 * Workers.
 *
 * @param binding - What the client calls.
 * @param options - Defaults for every call: retries, timeout, AI Gateway, output checks,
 *   and the models the client knows by id.
 *
 * @example
 * ```ts
 * import { createAi } from "@wai/ai-client";
 *
 * export default {
 *   async fetch(_request: Request, env: { AI: Ai }) {
 *     const ai = createAi(env.AI, { timeoutMs: 30_000 });
 *     const { response } = await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "Hello" });
 *     return new Response(String(response));
 *   },
 * };
 * ```
 */
export function createAi(
  binding: AiBinding | AiServiceBinding,
  options: AiClientOptions = {},
): AiClient {
  if (typeof (binding as AiBinding | undefined)?.run !== "function") {
    throw new AiClientError("createAi takes a binding with a run method (env.AI)", {
      kind: "invalid-input",
    });
  }
  const client = {} as AiClient;
  const core = clientCore(binding as AiBinding, options, client);
  return Object.assign(client, {
    binding: core.binding,
    async run(model: Model | string, given: unknown, runOptions?: RunOptions) {
      const target = prepare(core, model, given);
      if ((given as { stream?: unknown }).stream === true) {
        throw new AiClientError(`run does not stream (${target.id}): use ai.stream`, {
          kind: "invalid-input",
          model: target.id,
          data: given,
        });
      }
      const merged = core.options(runOptions);
      const scope = callScope(target.id, merged);
      try {
        const answer = await core.call(target, given, merged, scope);
        const output = await Promise.race([normalizeOutput(answer), scope.aborted]);
        if (merged.validateOutput && target.model) {
          const result = await target.model.output["~standard"].validate(answer);
          if (result.issues) {
            throw new AiClientError(`The output of ${target.id} does not fit its schema`, {
              kind: "invalid-output",
              model: target.id,
              data: answer,
              issues: result.issues,
            });
          }
        }
        return output;
      } catch (cause) {
        throw toClientError(cause, {
          model: target.id,
          binding: core.binding,
          signal: scope.signal,
        });
      } finally {
        scope.done();
      }
    },
    stream(model: Model | string, given: unknown, callOptions?: CallOptions) {
      const target = prepare(core, model, given);
      return core.stream(target, given as Record<string, unknown>, core.options(callOptions));
    },
  });
}
