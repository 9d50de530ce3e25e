// What every call of the client shares: the binding, the defaults, the models it knows,
// input checks, and one call with its scope and retries.
import { isModel, type Model, safeParseInput } from "@wai/ai-models";
import { AiClientError } from "./ai-client-error.js";
import { bindingOptions, type CallScope, callScope, withRetries } from "./call.js";
import { type ChatStream, chatStream } from "./chat-stream.js";
import type { AiBinding, AiClientOptions, CallOptions } from "./types.js";

/** A model as a call names it, resolved: its id, and its schemas when known. */
export interface Target {
  readonly id: string;
  readonly model: Model | undefined;
}

export interface ClientCore {
  readonly binding: AiBinding;
  /** The client's options merged under a call's. */
  options<O extends CallOptions>(options: O | undefined): O & AiClientOptions;
  resolve(model: Model | string): Target;
  /** Refuses an input that does not fit the model, before anything is sent. */
  check(target: Target, input: unknown): void;
  /** Calls the binding, retrying, within a scope the caller ends. */
  call(target: Target, inputs: unknown, options: CallOptions, scope: CallScope): Promise<unknown>;
  /** Streams a chat answer; `inputs` gets `stream: true` (in a copy). */
  stream(target: Target, inputs: Record<string, unknown>, options: CallOptions): ChatStream;
}

/** Whether a binding is a service binding (JS RPC): it has `fetch` and `connect`. */
function isServiceBinding(binding: object): boolean {
  const service = binding as { fetch?: unknown; connect?: unknown };
  return typeof service.fetch === "function" && typeof service.connect === "function";
}

// The core of each client createAi made, for the features that are functions of their
// own (runTools, streamTools, structured, batch), so that a bundle keeps only those used.
const cores = new WeakMap<object, ClientCore>();

/** The core of a client made by createAi. */
export function coreOf(ai: object): ClientCore {
  const core = cores.get(ai);
  if (!core) {
    throw new AiClientError("This takes a client made by createAi of @wai/ai-client", {
      kind: "invalid-input",
    });
  }
  return core;
}

/** Resolves a call's model and checks its input: the first step of every call. */
export function prepare(core: ClientCore, model: Model | string, input: unknown): Target {
  const target = core.resolve(model);
  core.check(target, input);
  return target;
}

export function clientCore(
  binding: AiBinding,
  defaults: AiClientOptions,
  client: object,
): ClientCore {
  const known = new Map<string, Model>();
  if (defaults.models) {
    const models = defaults.models as Iterable<Model> | ReadonlyMap<string, Model>;
    for (const entry of "values" in models && typeof models.values === "function"
      ? (models as ReadonlyMap<string, Model>).values()
      : (models as Iterable<Model>)) {
      known.set(entry.id, entry);
    }
  }
  // An AbortSignal cannot cross JS RPC: a service binding gets none, and an abort
  // cancels the stream it returned (and rejects the call) on this side.
  const rpc = isServiceBinding(binding);

  const core: ClientCore = {
    binding,
    options(options) {
      return { ...defaults, ...(options as object) } as never;
    },
    resolve(model) {
      if (isModel(model)) return { id: model.id, model };
      if (typeof model !== "string") {
        throw new AiClientError(
          "The model must be a model of @wai/ai-models or a model id (a copy of a model is no model)",
          { kind: "invalid-input", data: model },
        );
      }
      return { id: model, model: known.get(model) };
    },
    check(target, input) {
      if (typeof input !== "object" || input === null) {
        throw new AiClientError(`The input of ${target.id} must be an object`, {
          kind: "invalid-input",
          model: target.id,
          data: input,
        });
      }
      if (!target.model) return;
      const result = safeParseInput(target.model, input as never);
      if (!result.success) {
        throw new AiClientError(result.error.message, {
          kind: "invalid-input",
          model: target.id,
          data: input,
          issues: result.issues,
          cause: result.error,
        });
      }
    },
    call(target, inputs, options, scope) {
      const sent = bindingOptions(options, scope);
      if (rpc) delete sent.signal;
      return withRetries(target.id, binding, options, scope, () =>
        binding.run(target.id, inputs, sent),
      );
    },
    stream(target, inputs, options) {
      const scope = callScope(target.id, options);
      const answer = core.call(target, { ...inputs, stream: true }, options, scope);
      answer.catch(() => {});
      return chatStream(target.id, answer, scope);
    },
  };
  cores.set(client, core);
  return core;
}
