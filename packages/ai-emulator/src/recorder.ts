import { toBase64 } from "./files.js";
import { stableJson } from "./random.js";
import type { RecordedCall, Recording } from "./types.js";

/** The part of a binding the recorder wraps: `run`, and `models` when there is one. */
export interface RecordableBinding {
  // biome-ignore lint/suspicious/noExplicitAny: any binding's run (env.AI's overloads included).
  run(model: any, inputs: any, options?: any): Promise<any>;
  // biome-ignore lint/suspicious/noExplicitAny: any binding's models.
  models?(params?: any): Promise<any>;
}

/** What {@link recordAi} gives: the wrapped binding and the recording it fills. */
export interface AiRecorder<Binding extends RecordableBinding> {
  /** The binding, recording every call; use it in place of the original. */
  ai: Binding;
  /** The calls so far; a call is added when its answer was read to the end. */
  recording: Recording;
  /** Resolves when every call made so far is in the recording (streams read to their end). */
  settled(): Promise<void>;
}

function jsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(stableJson(value) ?? "null");
}

/**
 * Wraps any binding (the real `env.AI`, a REST client, the emulator) so that each call's
 * model, inputs and options, and the exact bytes answered (chunk by chunk), are saved in
 * a {@link Recording} that `createEmulator({ replay })` answers byte for byte. A stream
 * is recorded as it is read: the caller reads it as usual.
 *
 * @param binding - the binding to record.
 * @param onRecord - called with each call once it is complete (to save it, say).
 *
 * @example
 * ```ts
 * import { createEmulator, recordAi } from "@wai/ai-emulator";
 *
 * const { ai, recording } = recordAi(createEmulator());
 * await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "Hello" });
 * const replay = createEmulator({ replay: recording });
 * console.log(await replay.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "Hello" }));
 * ```
 */
export function recordAi<Binding extends RecordableBinding>(
  binding: Binding,
  onRecord?: (call: RecordedCall, recording: Recording) => void,
): AiRecorder<Binding> {
  const recording: Recording = { version: 1, calls: [] };
  const pending = new Set<Promise<unknown>>();
  const add = (call: RecordedCall) => {
    recording.calls.push(call);
    onRecord?.(call, recording);
  };
  const run = async (model: string, inputs: unknown, options: Record<string, unknown> = {}) => {
    const { signal: _signal, ...rest } = options ?? {};
    const base = {
      model,
      inputs: jsonCopy(inputs),
      options: jsonCopy(rest) as Record<string, unknown>,
    };
    let result: unknown;
    try {
      result = await binding.run(model, inputs, options);
    } catch (error) {
      const status =
        (binding as { lastRequestHttpStatusCode?: number | null }).lastRequestHttpStatusCode ?? 500;
      add({
        ...base,
        kind: "error",
        status,
        contentType: "",
        chunks: [],
        error: { name: (error as Error).name, message: (error as Error).message },
      });
      throw error;
    }
    if (result instanceof Response) {
      const copy = result.clone();
      const done = copy.arrayBuffer().then((buffer) => {
        add({
          ...base,
          kind: "response",
          status: copy.status,
          contentType: copy.headers.get("content-type") ?? "",
          chunks: [toBase64(new Uint8Array(buffer))],
        });
      });
      pending.add(done);
      done.finally(() => pending.delete(done));
      return result;
    }
    if (result instanceof ReadableStream) {
      const chunks: string[] = [];
      let contentType = "";
      let resolveDone: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        resolveDone = resolve;
      });
      pending.add(done);
      done.finally(() => pending.delete(done));
      const finish = () => {
        add({
          ...base,
          kind: "stream",
          status: 200,
          contentType: contentType || "application/octet-stream",
          chunks,
        });
        resolveDone();
      };
      return (result as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            if (chunks.length === 0)
              contentType =
                new TextDecoder().decode(chunk.subarray(0, 5)) === "data:"
                  ? "text/event-stream"
                  : "application/octet-stream";
            chunks.push(toBase64(chunk));
            controller.enqueue(chunk);
          },
          flush: finish,
        }),
      );
    }
    add({
      ...base,
      kind: "json",
      status: 200,
      contentType: "application/json",
      chunks: [toBase64(new TextEncoder().encode(JSON.stringify(result)))],
    });
    return result;
  };
  const ai = new Proxy(binding, {
    get(target, key, receiver) {
      if (key === "run") return run;
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    ai,
    recording,
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
