// Workers AI chat streams for the chat-stream tests, built from the wire formats that
// this repository's docs/wire-formats.md describes (native chunks with `p` padding and
// the usage trailer, OpenAI `chat.completion.chunk`s as Workers AI sends them, per-chunk
// usage in its two conventions, and tool calls by family), with what each stream must
// decode to. Also helpers to turn chunks into SSE bytes and cut bytes into chunks.

// The generic byte helpers are typed-stream's published test helpers.
import type { ChatFinishReason } from "../../src/chat-stream/chat-stream-event.js";

export { byteStream, cut, cutEvery, encodeText, sseText } from "@wai/typed-stream/test";

const paddingAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A deterministic `p` padding string whose length varies with `seed`. */
export function padding(seed: number): string {
  let text = "";
  for (let i = 0; i < 4 + (seed % 23); i++) text += paddingAlphabet[(seed * 7 + i * 13) % 36];
  return text;
}

/** Text in several scripts, with emoji of several code points, and line breaks. */
export const multilingual = [
  "Hello, world! ",
  "Grüße aus Köln, ",
  "こんにちは世界、",
  "مرحبا بالعالم ",
  "👋🏽 👨‍👩‍👧‍👦 🇯🇵 ",
  "line\r\nbreaks\rin\ntext ",
  "🙂",
];

const base = {
  created: 1791402526,
  id: "chatcmpl-1",
  model: "@cf/google/gemma-4-26b-a4b-it-external",
  object: "chat.completion.chunk",
};

/** An OpenAI chunk whose only choice has `delta` (and `finish_reason`, default null). */
export function openAIChunk(
  delta: Record<string, unknown>,
  extra: { finish_reason?: string | null; usage?: Record<string, unknown>; p?: string } = {},
): Record<string, unknown> {
  const { finish_reason = null, ...rest } = extra;
  return {
    ...base,
    choices: [{ delta, finish_reason, index: 0, logprobs: null, matched_stop: null }],
    ...rest,
  };
}

const usageTrailer = {
  response: "",
  usage: {
    prompt_tokens: 147,
    completion_tokens: 16,
    total_tokens: 163,
    prompt_tokens_details: { cached_tokens: 0 },
    neurons: 1.772,
  },
};

/** One per-chunk (incremental) usage object, as Gemma 4 sends on each OpenAI chunk. */
const step = (prompt: number, completion: number) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  prompt_tokens_details: { cached_tokens: 0 },
  neurons: 0.01,
});

/**
 * One cumulative usage object, as vLLM-style servers send on each chunk: the running
 * totals of the request so far.
 */
export const runningUsage = (prompt: number, completion: number) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  prompt_tokens_details: { cached_tokens: 0 },
});

/** A stream and what it must decode to. */
export interface ChatFixture {
  name: string;
  chunks: readonly unknown[];
  /** Whether the stream ends with `data: [DONE]`. */
  done: boolean;
  text: string;
  reasoning: string;
  toolCalls: readonly { id?: string; name: string; rawArguments: string; arguments: unknown }[];
  finishReason: ChatFinishReason;
  /** `total_tokens` of the usage event, or undefined when no usage is reported. */
  totalTokens: number | undefined;
}

export const fixtures: readonly ChatFixture[] = [
  {
    name: "native text with padding, a keep-alive and the usage trailer",
    chunks: [
      ...multilingual.map((response, i) => ({ response, p: padding(i) })),
      { response: "", tool_calls: [], p: padding(99) },
      { response: "", usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 } },
    ],
    done: true,
    text: multilingual.join(""),
    reasoning: "",
    toolCalls: [],
    finishReason: "stop",
    totalTokens: 16,
  },
  {
    name: "OpenAI chunks with per-chunk usage, choices: [] and the native trailer (Gemma 4 capture)",
    chunks: [
      openAIChunk(
        { content: "", reasoning_content: null, role: "assistant" },
        { usage: step(147, 0), p: padding(1) },
      ),
      ...multilingual.map((content, i) =>
        openAIChunk({ content, reasoning_content: null }, { usage: step(0, 1), p: padding(i) }),
      ),
      openAIChunk({ reasoning_content: null }, { finish_reason: "stop", usage: step(0, 0) }),
      { ...base, choices: [], p: "sxm6dki9", usage: step(0, 1) },
      usageTrailer,
    ],
    done: true,
    text: multilingual.join(""),
    reasoning: "",
    toolCalls: [],
    finishReason: "stop",
    totalTokens: 163,
  },
  {
    name: "OpenAI chunks with incremental per-chunk usage and no trailer: the counts are summed",
    chunks: [
      openAIChunk({ content: "", role: "assistant" }, { usage: step(147, 0) }),
      ...multilingual.map((content, i) =>
        openAIChunk({ content }, { usage: step(0, 1), p: padding(i) }),
      ),
      openAIChunk({}, { finish_reason: "stop", usage: step(0, 0) }),
      { ...base, choices: [], usage: step(0, 1) },
    ],
    done: true,
    text: multilingual.join(""),
    reasoning: "",
    toolCalls: [],
    finishReason: "stop",
    // 147 prompt tokens once, then 7 + 1 completion tokens.
    totalTokens: 155,
  },
  {
    name: "OpenAI chunks with cumulative per-chunk usage (vLLM style) and no trailer: the last counts are the totals",
    chunks: [
      openAIChunk({ content: "", role: "assistant" }, { usage: runningUsage(147, 0) }),
      ...multilingual.map((content, i) =>
        openAIChunk({ content }, { usage: runningUsage(147, i + 1), p: padding(i) }),
      ),
      openAIChunk({}, { finish_reason: "stop", usage: runningUsage(147, 7) }),
      { ...base, choices: [], usage: runningUsage(147, 7) },
    ],
    done: true,
    text: multilingual.join(""),
    reasoning: "",
    toolCalls: [],
    finishReason: "stop",
    totalTokens: 154,
  },
  {
    name: "OpenAI chunks with cumulative per-chunk usage, then the native trailer, which wins",
    chunks: [
      openAIChunk({ content: "Hi", role: "assistant" }, { usage: runningUsage(147, 1) }),
      openAIChunk({ content: " there" }, { usage: runningUsage(147, 2) }),
      openAIChunk({}, { finish_reason: "stop", usage: runningUsage(147, 2) }),
      usageTrailer,
    ],
    done: true,
    text: "Hi there",
    reasoning: "",
    toolCalls: [],
    finishReason: "stop",
    totalTokens: 163,
  },
  {
    name: "OpenAI reasoning under reasoning_content, then text",
    chunks: [
      openAIChunk({ role: "assistant", content: null, reasoning_content: "The user " }),
      openAIChunk({ content: null, reasoning_content: "greets in Japanese: こんにちは." }),
      openAIChunk({ content: "こんにちは！", reasoning_content: null }),
      openAIChunk({ content: " 👋🏽" }, { finish_reason: "stop" }),
      usageTrailer,
    ],
    done: true,
    text: "こんにちは！ 👋🏽",
    reasoning: "The user greets in Japanese: こんにちは.",
    toolCalls: [],
    finishReason: "stop",
    totalTokens: 163,
  },
  {
    name: "OpenAI reasoning under reasoning (gpt-oss), then text, finish length",
    chunks: [
      openAIChunk({ role: "assistant", reasoning: "Think " }),
      openAIChunk({ reasoning: "twice." }),
      openAIChunk({ content: "Done" }, { finish_reason: "length" }),
    ],
    done: true,
    text: "Done",
    reasoning: "Think twice.",
    toolCalls: [],
    finishReason: "length",
    totalTokens: undefined,
  },
  {
    name: "OpenAI text, then two streamed tool calls with the null sentinel",
    chunks: [
      openAIChunk({ role: "assistant", content: "Let me check " }),
      openAIChunk({ content: "the weather." }),
      openAIChunk({
        tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "weather" } }],
      }),
      openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city": "Kö' } }] }),
      openAIChunk({ tool_calls: [{ index: 0, function: { arguments: 'ln"}' } }] }),
      openAIChunk({ tool_calls: [{ id: null, type: null, function: { name: null } }] }),
      openAIChunk({
        tool_calls: [
          { index: 1, id: "call_b", type: "function", function: { name: "time", arguments: "" } },
        ],
      }),
      openAIChunk({ tool_calls: [{ index: 1, function: { arguments: '{"zone":' } }] }),
      openAIChunk({ tool_calls: [{ index: 1, function: { arguments: '"東京"}' } }] }),
      openAIChunk({}, { finish_reason: "tool_calls" }),
      usageTrailer,
    ],
    done: true,
    text: "Let me check the weather.",
    reasoning: "",
    toolCalls: [
      {
        id: "call_a",
        name: "weather",
        rawArguments: '{"city": "Köln"}',
        arguments: { city: "Köln" },
      },
      { id: "call_b", name: "time", rawArguments: '{"zone":"東京"}', arguments: { zone: "東京" } },
    ],
    finishReason: "tool-calls",
    totalTokens: 163,
  },
  {
    name: "OpenAI whole call in one delta (Qwen)",
    chunks: [
      openAIChunk({
        role: "assistant",
        content: null,
        tool_calls: [
          {
            index: 0,
            id: "chatcmpl-tool-1",
            type: "function",
            function: { name: "search", arguments: '{"query": "workers ai"}' },
          },
        ],
      }),
      openAIChunk({}, { finish_reason: "tool_calls" }),
    ],
    done: true,
    text: "",
    reasoning: "",
    toolCalls: [
      {
        id: "chatcmpl-tool-1",
        name: "search",
        rawArguments: '{"query": "workers ai"}',
        arguments: { query: "workers ai" },
      },
    ],
    finishReason: "tool-calls",
    totalTokens: undefined,
  },
  {
    name: "OpenAI duplicate indexes within one chunk",
    chunks: [
      openAIChunk({
        tool_calls: [
          { index: 0, id: "call_1", type: "function", function: { name: "add" } },
          { index: 0, function: { arguments: '{"a":' } },
          { index: 0, function: { arguments: "1," } },
        ],
      }),
      openAIChunk({
        tool_calls: [
          { index: 0, function: { arguments: '"b":2}' } },
          { index: 1, id: "call_2", type: "function", function: { name: "add", arguments: "{" } },
          { index: 1, function: { arguments: '"a":3,"b":4}' } },
        ],
      }),
      openAIChunk({}, { finish_reason: "tool_calls" }),
    ],
    done: true,
    text: "",
    reasoning: "",
    toolCalls: [
      { id: "call_1", name: "add", rawArguments: '{"a":1,"b":2}', arguments: { a: 1, b: 2 } },
      { id: "call_2", name: "add", rawArguments: '{"a":3,"b":4}', arguments: { a: 3, b: 4 } },
    ],
    finishReason: "tool-calls",
    totalTokens: undefined,
  },
  {
    name: "OpenAI object-valued arguments",
    chunks: [
      openAIChunk({
        tool_calls: [
          {
            index: 0,
            id: "call_o",
            type: "function",
            function: { name: "weather", arguments: { city: "Zürich", days: 3 } },
          },
        ],
      }),
      openAIChunk({}, { finish_reason: "tool_calls" }),
      usageTrailer,
    ],
    done: true,
    text: "",
    reasoning: "",
    toolCalls: [
      {
        id: "call_o",
        name: "weather",
        rawArguments: '{"city":"Zürich","days":3}',
        arguments: { city: "Zürich", days: 3 },
      },
    ],
    finishReason: "tool-calls",
    totalTokens: 163,
  },
  {
    name: "native OpenAI-like tool call element, then finish_reason tool_calls",
    chunks: [
      { response: "", tool_calls: [], p: padding(3) },
      {
        response: "",
        tool_calls: [
          {
            id: "call123",
            type: "function",
            index: 0,
            function: { name: "get_weather", arguments: '{"location": "London"}' },
          },
        ],
        p: padding(5),
      },
      { response: "", finish_reason: "tool_calls" },
      { response: "", usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 } },
    ],
    done: true,
    text: "",
    reasoning: "",
    toolCalls: [
      {
        id: "call123",
        name: "get_weather",
        rawArguments: '{"location": "London"}',
        arguments: { location: "London" },
      },
    ],
    finishReason: "tool-calls",
    totalTokens: 42,
  },
  {
    name: "native flat legacy tool calls, with text before them",
    chunks: [
      { response: "Calling tools. ", p: padding(7) },
      {
        response: "",
        tool_calls: [
          { name: "get_weather", arguments: { latitude: "51.5074", longitude: "-0.1278" } },
          { name: "get_time", arguments: {} },
        ],
      },
      { response: "", usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 } },
    ],
    done: true,
    text: "Calling tools. ",
    reasoning: "",
    toolCalls: [
      {
        id: "call_0",
        name: "get_weather",
        rawArguments: '{"latitude":"51.5074","longitude":"-0.1278"}',
        arguments: { latitude: "51.5074", longitude: "-0.1278" },
      },
      { id: "call_1", name: "get_time", rawArguments: "{}", arguments: {} },
    ],
    finishReason: "tool-calls",
    totalTokens: 70,
  },
  {
    name: "native text cut off: neither [DONE] nor a finish reason",
    chunks: [
      { response: "Grüße ", p: padding(1) },
      { response: "aus Kö", p: padding(2) },
    ],
    done: false,
    text: "Grüße aus Kö",
    reasoning: "",
    toolCalls: [],
    finishReason: "truncated",
    totalTokens: undefined,
  },
  {
    name: "OpenAI tool call cut off mid-arguments",
    chunks: [
      openAIChunk({
        tool_calls: [{ index: 0, id: "call_t", type: "function", function: { name: "weather" } }],
      }),
      openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city": "Pa' } }] }),
    ],
    done: false,
    text: "",
    reasoning: "",
    toolCalls: [
      { id: "call_t", name: "weather", rawArguments: '{"city": "Pa', arguments: undefined },
    ],
    finishReason: "truncated",
    totalTokens: undefined,
  },
  {
    name: "OpenAI finish reason without [DONE], unknown fields kept out of the way",
    chunks: [
      openAIChunk({ content: "ok", some_new_field: { nested: true } }, { p: padding(4) }),
      { ...openAIChunk({}, { finish_reason: "stop" }), service_tier: "default", extra: [1, 2] },
    ],
    done: false,
    text: "ok",
    reasoning: "",
    toolCalls: [],
    finishReason: "stop",
    totalTokens: undefined,
  },
];

/**
 * The fixture of that name. Throws when there is none, so that a test never runs on an
 * empty stream because a fixture was renamed or removed.
 */
export function fixture(name: string): ChatFixture {
  const found = fixtures.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No chat fixture named ${JSON.stringify(name)}`);
  return found;
}
