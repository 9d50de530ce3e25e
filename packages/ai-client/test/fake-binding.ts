// A small fake of the binding for tests: it answers as env.AI does (JSON, or a stream of
// bytes), records the calls, and throws the binding's errors ("<code>: <message>").

export interface FakeCall {
  model: string;
  inputs: Record<string, unknown>;
  options: Record<string, unknown>;
}

export type FakeHandler = (call: FakeCall, index: number) => unknown;

export interface FakeBinding {
  run(
    model: string,
    inputs: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): Promise<unknown>;
  readonly calls: FakeCall[];
  lastRequestId: string | null;
}

/** A binding whose answers `handler` gives (a value, a stream, or a thrown error). */
export function fakeBinding(handler: FakeHandler): FakeBinding {
  const calls: FakeCall[] = [];
  const binding: FakeBinding = {
    calls,
    lastRequestId: null,
    async run(model, inputs, options = {}) {
      const call = { model, inputs, options };
      calls.push(call);
      binding.lastRequestId = `req-${calls.length}`;
      return handler(call, calls.length - 1);
    },
  };
  return binding;
}

/** The binding's error for a Workers AI code. */
export function upstreamError(code: number, message = "failed"): Error {
  const error = new Error(`${code}: ${message}`);
  error.name = "InferenceUpstreamError";
  return error;
}

const encoder = new TextEncoder();

/** Server-sent events of chunks, as Workers AI frames them, then `[DONE]` (unless `done: false`). */
export function sseText(chunks: readonly unknown[], done = true): string {
  return (
    chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("") +
    (done ? "data: [DONE]\n\n" : "")
  );
}

export interface ByteStreamOptions {
  /** Called when the consumer cancels the stream. */
  onCancel?: (reason: unknown) => void;
  /** After this many chunks, the stream stalls forever (until cancelled). */
  stallAfter?: number;
  /** After this many chunks, the stream errors (a lost connection). */
  failAfter?: number;
}

/** A byte stream of the given pieces, one chunk each, read on demand. */
export function byteStream(
  pieces: readonly (string | Uint8Array)[],
  options: ByteStreamOptions = {},
): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (options.failAfter !== undefined && index >= options.failAfter) {
          controller.error(new TypeError("Network connection lost."));
          return;
        }
        if (options.stallAfter !== undefined && index >= options.stallAfter) {
          return new Promise<void>(() => {});
        }
        const piece = pieces[index++];
        if (piece === undefined) return controller.close();
        controller.enqueue(typeof piece === "string" ? encoder.encode(piece) : piece);
      },
      cancel(reason) {
        options.onCancel?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The SSE of chunks as a byte stream, one event per chunk. */
export function sseStream(
  chunks: readonly unknown[],
  options: ByteStreamOptions & { done?: boolean } = {},
) {
  const events = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
  if (options.done !== false) events.push("data: [DONE]\n\n");
  return byteStream(events, options);
}

/** Native chunks of a text, one per word, with padding and the usage trailer. */
export function nativeChunks(text: string, usage = true): unknown[] {
  const chunks: unknown[] = text.split(/(?<= )/).map((piece) => ({ response: piece, p: "abc" }));
  if (usage)
    chunks.push({
      response: "",
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    });
  return chunks;
}

/** OpenAI chunks of a text, then a finish reason and the usage trailer. */
export function openAIChunks(text: string): unknown[] {
  return [
    ...text.split(/(?<= )/).map((content) => ({
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta: { content }, finish_reason: null }],
    })),
    { object: "chat.completion.chunk", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    { response: "", usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } },
  ];
}
