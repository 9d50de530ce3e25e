// Throughput of decodeChatStream (bytes -> normalized chat events, consumed with
// `for await`) against the hand-written synchronous baseline of @wai/typed-stream's
// benchmark (TextDecoder, indexOf line splitting, JSON.parse, no streams), side by side
// in one process, on the package's source. Run:
// pnpm exec vitest bench --run --config vitest.bench.config.ts bench/chat-stream.bench.ts
//
// Two fixtures of >= 10 MB each, cut into 1-4 KB chunks: Workers AI's native chunks
// (text deltas with `p` padding, keep-alives, the usage trailer) and its OpenAI
// `chat.completion.chunk`s (reasoning, text, a streamed tool call, per-chunk usage,
// `choices: []`, the native trailer). Ratios printed are throughput ratios.
import { decodeJSONEvents } from "@wai/typed-stream";
import { test } from "vitest";
import { printRatios } from "../../../scripts/bench-ratios.ts";
import { decodeChatStream } from "../src/chat-stream/decode-chat-stream.js";
import {
  cutEvery,
  encodeText,
  multilingual,
  openAIChunk,
  padding,
  sseText,
} from "../test/chat-stream/fixtures.js";

function nativeTurn(): unknown[] {
  const chunks: unknown[] = [];
  for (let i = 0; i < 60; i++) {
    chunks.push({ response: multilingual[i % multilingual.length], p: padding(i) });
  }
  chunks.push({ response: "", tool_calls: [], p: padding(3) });
  chunks.push({
    response: "",
    usage: { prompt_tokens: 9, completion_tokens: 60, total_tokens: 69 },
  });
  return chunks;
}

function openAITurn(): unknown[] {
  const usage = { prompt_tokens: 0, completion_tokens: 1, total_tokens: 1, neurons: 0.01 };
  const chunks: unknown[] = [
    openAIChunk({ role: "assistant", content: "", reasoning_content: null }, { usage }),
  ];
  for (let i = 0; i < 10; i++) {
    chunks.push(openAIChunk({ reasoning_content: `step ${i} ` }, { usage, p: padding(i) }));
  }
  for (let i = 0; i < 40; i++) {
    const content = multilingual[i % multilingual.length];
    chunks.push(openAIChunk({ content, reasoning_content: null }, { usage, p: padding(i) }));
  }
  chunks.push(
    openAIChunk({
      tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "weather" } }],
    }),
  );
  for (const fragment of ['{"city":', ' "Köln",', ' "days":', " 3}"]) {
    chunks.push(openAIChunk({ tool_calls: [{ index: 0, function: { arguments: fragment } }] }));
  }
  chunks.push(openAIChunk({}, { finish_reason: "tool_calls", usage }));
  chunks.push({ choices: [], object: "chat.completion.chunk", p: padding(5), usage });
  chunks.push({
    response: "",
    usage: { prompt_tokens: 147, completion_tokens: 55, total_tokens: 202 },
  });
  return chunks;
}

function fixture(turn: () => unknown[]) {
  const oneTurn = sseText(turn(), { done: false });
  let text = "";
  while (text.length < 10.5 * 1024 * 1024) text += oneTurn;
  const bytes = encodeText(`${text}data: [DONE]\n\n`);
  return { bytes, chunks: cutEvery(bytes, 1024, 4096) };
}

let sink = 0;

function source(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

/** The synchronous baseline: TextDecoder, indexOf line splitting, JSON.parse. No streams. */
function handWritten(chunks: Uint8Array[]) {
  const decoder = new TextDecoder();
  let buffer = "";
  for (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = buffer.indexOf("\n\n", start); end !== -1; end = buffer.indexOf("\n\n", start)) {
      const data = buffer.slice(start + 6, end);
      start = end + 2;
      if (data === "[DONE]") return;
      const value = JSON.parse(data) as { p?: string };
      sink += value.p?.length ?? 1;
    }
    buffer = buffer.slice(start);
  }
}

const BASELINE = "baseline: hand-written synchronous (TextDecoder, indexOf, JSON.parse)";
const OURS = "decodeChatStream, for await over normalized events";
const JSON_EVENTS = "reference: decodeJSONEvents, no schema, for await (no normalization)";

const fixtures = [
  { name: "native chunks", ...fixture(nativeTurn) },
  { name: "OpenAI chunks with reasoning and a tool call", ...fixture(openAITurn) },
];

for (const { name, bytes, chunks } of fixtures) {
  const events = new TextDecoder().decode(bytes).split("\n\n").length - 1;
  const title = `${name}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${events} events (${Math.round(bytes.length / events)} B each), ${chunks.length} chunks of 1-4 KB`;

  test(title, { timeout: 600_000 }, async ({ bench }) => {
    const results = await bench.compare(
      bench(BASELINE, () => handWritten(chunks)),
      bench(OURS, async () => {
        for await (const event of decodeChatStream(source(chunks))) {
          sink += event.type.length;
        }
      }),
      bench(JSON_EVENTS, async () => {
        for await (const value of decodeJSONEvents(source(chunks))) {
          sink += (value as { p?: string }).p?.length ?? 1;
        }
      }),
      { time: 2000, warmupTime: 500, iterations: 10 },
    );
    printRatios(title, results, [
      [OURS, BASELINE],
      [JSON_EVENTS, BASELINE],
      [OURS, JSON_EVENTS],
    ]);
    if (sink === 0) throw new Error("nothing was consumed");
  });
}
