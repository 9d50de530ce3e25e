// Workers-AI-shaped SSE fixtures, built from the formats that this repository's
// docs/wire-formats.md describes (native `{response, p}` chunks, OpenAI
// `chat.completion.chunk` chunks, the usage trailer, `[DONE]`), and helpers to cut bytes
// into chunks. Shared by tests and benchmarks.

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

export { byteStream, cut, cutEvery, encodeText, sseText } from "../src/testing.js";
