/**
 * The emulator as a Worker: `AiEmulator`, a `WorkerEntrypoint` with the binding's `run`
 * and `models`, to bind as `AI` through a wrangler environment (see the README), and a
 * default `fetch` that serves the REST API.
 *
 * @module
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import { createEmulator, type Emulator, type EmulatorRunOptions } from "./create-emulator.js";
import { createRestHandler } from "./rest.js";
import type { EmulatorModelsParams, ScriptedReply, ScriptOptions } from "./types.js";

let shared: Emulator | undefined;
/** The calls whose streamed answer the caller cancelled (over RPC, before its end). */
const cancelled = new WeakSet<object>();
/** One emulator per isolate, so that scripts set through RPC apply to the next calls. */
function emulator(): Emulator {
  shared ??= createEmulator();
  return shared;
}

/**
 * The emulator as a `WorkerEntrypoint`: bound as `AI` (a service binding with
 * `"entrypoint": "AiEmulator"`), a Worker calls `env.AI.run(...)` and `env.AI.models()`
 * unchanged, and streams cross the RPC boundary chunk by chunk. `signal` cannot cross
 * RPC: it is refused there as by any RPC call.
 *
 * @example
 * ```ts
 * // The emulator Worker's module (wrangler.jsonc "main"):
 * export { AiEmulator, default } from "@wai/ai-emulator/worker";
 * ```
 */
export class AiEmulator extends WorkerEntrypoint {
  /** `env.AI.run`, as the binding does it. */
  // biome-ignore lint/suspicious/noExplicitAny: the binding's inputs and outputs.
  async run(model: string, inputs: any, options?: EmulatorRunOptions): Promise<any> {
    const answer = await emulator().run(model, inputs, options);
    const call = emulator().calls.at(-1);
    if (!(answer instanceof ReadableStream) || call === undefined) return answer;
    // Note a cancel that crosses RPC from the caller (a client abort), for `calls()`.
    const reader = (answer as ReadableStream<Uint8Array>).getReader();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        cancelled.add(call);
        return reader.cancel(reason);
      },
    });
  }

  /**
   * The calls made so far, in order: the model, the status and error code answered, and
   * whether the caller cancelled a streamed answer before its end (what an aborted client
   * request does), for tests of a Worker bound to this entrypoint.
   */
  calls(): { model: string; status: number; errorCode?: number; cancelled: boolean }[] {
    return emulator().calls.map((call) => ({
      model: call.model,
      status: call.status,
      ...(call.errorCode === undefined ? {} : { errorCode: call.errorCode }),
      cancelled: cancelled.has(call),
    }));
  }

  /** `env.AI.models`. */
  async models(params?: EmulatorModelsParams) {
    return emulator().models(params);
  }

  /** Scripts the next reply of the emulator behind this entrypoint (see `Emulator.script`). */
  script(reply: ScriptedReply, options?: ScriptOptions): void {
    emulator().script(reply, options);
  }

  /** Answers 3040 to the next `count` calls. */
  busy(count: number): void {
    emulator().busy(count);
  }

  /** Forgets scripts, calls and batches. */
  reset(): void {
    emulator().reset();
  }
}

/**
 * The REST API (`/client/v4/accounts/:account/ai/...`) of the emulator, as the Worker's
 * `fetch` handler.
 *
 * @example
 * ```ts
 * import handler from "@wai/ai-emulator/worker";
 *
 * const response = await handler.fetch(new Request("http://localhost/client/v4/accounts/a/ai/models/search"));
 * ```
 */
const handler = {
  fetch(request: Request): Promise<Response> {
    return createRestHandler(emulator())(request);
  },
};
export default handler;
