// Workers-AI-shaped SSE fixtures, built from the formats in WIRE-FORMATS.md (native
// `{response, p}` chunks, OpenAI `chat.completion.chunk` chunks, the usage trailer,
// `[DONE]`), and helpers to cut bytes into chunks. Shared by tests and benchmarks.

/** Text in several scripts, with emoji made of several code points. */
export const multilingual = [
  "Hello, world! ",
  "Grüße aus Köln, ",
  "こんにちは世界、",
  "مرحبا بالعالم ",
  "Привет, мир! ",
  "नमस्ते दुनिया ",
  "你好，世界。",
  "👋🏽 👨‍👩‍👧‍👦 🇯🇵 ",
  "Ελληνικά ",
  "🙂\n",
];

const paddingAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A deterministic `p` padding string of a length that varies with `seed`. */
export function padding(seed: number): string {
  let text = "";
  for (let i = 0; i < 4 + (seed % 23); i++) text += paddingAlphabet[(seed * 7 + i * 13) % 36];
  return text;
}

export interface NativeChunk {
  response: string;
  p?: string;
  tool_calls?: unknown[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** Native-format chunks: text deltas with `p` padding, a keep-alive and a usage trailer. */
export function nativeChunks(deltas: readonly string[]): NativeChunk[] {
  const chunks: NativeChunk[] = deltas.map((response, i) => ({ response, p: padding(i) }));
  chunks.push({ response: "", tool_calls: [], p: padding(deltas.length) });
  chunks.push({
    response: "",
    usage: { prompt_tokens: 9, completion_tokens: deltas.length, total_tokens: 9 + deltas.length },
  });
  return chunks;
}

/** OpenAI-format chunks as Workers AI streams them, ending with the native usage trailer. */
export function openAIChunks(deltas: readonly string[]): Record<string, unknown>[] {
  const base = {
    created: 1791402526,
    id: "chatcmpl-1",
    model: "@cf/test/model",
    object: "chat.completion.chunk",
  };
  const chunks: Record<string, unknown>[] = deltas.map((content, i) => ({
    ...base,
    choices: [
      {
        delta:
          i === 0
            ? { content, reasoning_content: null, role: "assistant" }
            : { content, reasoning_content: null },
        finish_reason: null,
        index: 0,
        logprobs: null,
      },
    ],
    p: padding(i),
    usage: {
      prompt_tokens: i === 0 ? 147 : 0,
      completion_tokens: 1,
      total_tokens: i === 0 ? 148 : 1,
    },
  }));
  chunks.push({
    ...base,
    choices: [
      { delta: { reasoning_content: null }, finish_reason: "stop", index: 0, logprobs: null },
    ],
    p: padding(deltas.length),
  });
  chunks.push({ ...base, choices: [], p: padding(deltas.length + 1) });
  chunks.push({
    response: "",
    usage: {
      prompt_tokens: 147,
      completion_tokens: deltas.length,
      total_tokens: 147 + deltas.length,
    },
  });
  return chunks;
}

/** SSE text of JSON values, one `data:` event each, then `data: [DONE]`. */
export function sseText(
  values: readonly unknown[],
  options: { lineBreak?: string; done?: boolean } = {},
): string {
  const nl = options.lineBreak ?? "\n";
  let text = "";
  for (const value of values) text += `data: ${JSON.stringify(value)}${nl}${nl}`;
  if (options.done !== false) text += `data: [DONE]${nl}${nl}`;
  return text;
}

export const encodeText = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Cuts `bytes` at the given offsets (sorted, deduplicated, in range). */
export function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.filter((o) => o > 0 && o < bytes.length))].sort(
    (a, b) => a - b,
  );
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

/** Cuts `bytes` into chunks of `min`..`max` bytes, deterministically from `seed`. */
export function cutEvery(bytes: Uint8Array, min: number, max: number, seed = 1): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let state = seed;
  for (let start = 0; start < bytes.length; ) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const size = min + (state % (max - min + 1));
    chunks.push(bytes.subarray(start, start + size));
    start += size;
  }
  return chunks;
}

/** A byte stream that gives the chunks one per pull, and records what happened to it. */
export function byteStream(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> & {
  pulls: () => number;
  cancelled: () => { reason: unknown } | undefined;
} {
  let index = 0;
  let pulls = 0;
  let cancelled: { reason: unknown } | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls++;
        const chunk = chunks[index++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
      cancel(reason) {
        cancelled = { reason };
      },
    },
    { highWaterMark: 0 },
  );
  return Object.assign(stream, { pulls: () => pulls, cancelled: () => cancelled });
}
