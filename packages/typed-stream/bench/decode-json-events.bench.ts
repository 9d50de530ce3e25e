// Throughput of decodeJSONEvents against hand-written baselines, side by side in one
// process, on the built package (dist). Run: pnpm --filter @wai/typed-stream bench
//
// Two fixtures of >= 10 MB each, cut into 1-4 KB chunks: Workers AI's native chunks
// (short text deltas with `p` padding, keep-alives, usage trailers) and its OpenAI
// `chat.completion.chunk` events (the format of the current models), each with a
// valibot schema faithful to its shape. The ratios printed are throughput ratios.
import { createParser } from "eventsource-parser";
import { EventSourceParserStream } from "eventsource-parser/stream";
import * as v from "valibot";
import { test } from "vitest";
import { printRatios } from "../../../scripts/bench-ratios.ts";
import { decodeJSONEvents, type StandardSchemaV1 } from "../dist/index.js";
import {
  cutEvery,
  encodeText,
  multilingual,
  nativeChunks,
  openAIChunks,
  sseText,
} from "../test/fixtures.js";

const Usage = v.object({
  prompt_tokens: v.number(),
  completion_tokens: v.number(),
  total_tokens: v.number(),
});

const NativeChunk = v.object({
  response: v.string(),
  p: v.optional(v.string()),
  tool_calls: v.optional(v.array(v.unknown())),
  usage: v.optional(Usage),
});

const OpenAIChunk = v.object({
  id: v.optional(v.string()),
  object: v.optional(v.string()),
  created: v.optional(v.number()),
  model: v.optional(v.string()),
  choices: v.optional(
    v.array(
      v.object({
        index: v.number(),
        delta: v.object({
          role: v.optional(v.string()),
          content: v.nullish(v.string()),
          reasoning_content: v.nullish(v.string()),
        }),
        finish_reason: v.nullable(v.string()),
        logprobs: v.nullish(v.unknown()),
      }),
    ),
  ),
  response: v.optional(v.string()),
  p: v.optional(v.string()),
  usage: v.optional(Usage),
});

// The style of chunk schema the catalog uses: loose objects that keep unknown fields
// (new ones Cloudflare adds) and check only the fields a decoder reads.
const LooseNativeChunk = v.looseObject({
  response: v.string(),
  usage: v.optional(v.looseObject({ total_tokens: v.number() })),
});
const LooseOpenAIChunk = v.looseObject({
  choices: v.optional(
    v.array(
      v.looseObject({
        delta: v.looseObject({
          content: v.nullish(v.string()),
          reasoning_content: v.nullish(v.string()),
        }),
        finish_reason: v.nullable(v.string()),
      }),
    ),
  ),
  usage: v.optional(v.looseObject({ total_tokens: v.number() })),
});

function fixture(turn: (deltas: string[]) => unknown[]) {
  const deltas: string[] = [];
  while (deltas.length < 40) deltas.push(...multilingual);
  const oneTurn = sseText(turn(deltas), { done: false });
  let text = "";
  while (text.length < 10.5 * 1024 * 1024) text += oneTurn;
  const bytes = encodeText(`${text}data: [DONE]\n\n`);
  return { bytes, chunks: cutEvery(bytes, 1024, 4096) };
}

let sink = 0;
const consume = (value: unknown) => {
  sink += (value as { p?: string }).p?.length ?? 1;
};

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
function handWritten(chunks: Uint8Array[], validate?: (value: unknown) => unknown) {
  const decoder = new TextDecoder();
  let buffer = "";
  for (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = buffer.indexOf("\n\n", start); end !== -1; end = buffer.indexOf("\n\n", start)) {
      const data = buffer.slice(start + 6, end);
      start = end + 2;
      if (data === "[DONE]") return;
      const value = JSON.parse(data);
      consume(validate ? validate(value) : value);
    }
    buffer = buffer.slice(start);
  }
}

/** eventsource-parser's callback parser with JSON.parse, fed synchronously. */
function eventsourceParserCallbacks(chunks: Uint8Array[]) {
  const decoder = new TextDecoder();
  let done = false;
  const parser = createParser({
    onEvent(event) {
      if (event.data === "[DONE]") done = true;
      else if (!done) consume(JSON.parse(event.data));
    },
  });
  for (const chunk of chunks) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (done) return;
  }
}

const BASELINE = "baseline: hand-written synchronous, no validation";
const BASELINE_VALIDATED = "hand-written synchronous + valibot validate";
const CALLBACKS = "eventsource-parser callbacks + JSON.parse, no validation";
const OURS = "decodeJSONEvents + valibot schema, for await";
const OURS_PLAIN = "decodeJSONEvents, no schema, for await";
const OURS_LOOSE = "decodeJSONEvents + loose valibot schema (fields read only), for await";
const PIPELINE = "TextDecoderStream + EventSourceParserStream + TransformStream(parse + valibot)";

const fixtures = [
  { name: "native chunks", schema: NativeChunk, loose: LooseNativeChunk, ...fixture(nativeChunks) },
  { name: "OpenAI chunks", schema: OpenAIChunk, loose: LooseOpenAIChunk, ...fixture(openAIChunks) },
];

for (const { name, schema, loose, bytes, chunks } of fixtures) {
  const events = new TextDecoder().decode(bytes).split("\n\n").length - 1;
  const title = `${name}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${events} events (${Math.round(bytes.length / events)} B each), ${chunks.length} chunks of 1-4 KB`;

  test(title, { timeout: 600_000 }, async ({ bench }) => {
    const validate = (value: unknown) => {
      const result = schema["~standard"].validate(value) as StandardSchemaV1.Result<unknown>;
      if (result.issues) throw new Error("invalid");
      return result.value;
    };
    const results = await bench.compare(
      bench(BASELINE, () => handWritten(chunks)),
      bench(BASELINE_VALIDATED, () => handWritten(chunks, validate)),
      bench(CALLBACKS, () => eventsourceParserCallbacks(chunks)),
      bench(OURS, async () => {
        for await (const value of decodeJSONEvents(source(chunks), { schema })) consume(value);
      }),
      bench(OURS_LOOSE, async () => {
        for await (const value of decodeJSONEvents(source(chunks), { schema: loose }))
          consume(value);
      }),
      bench(OURS_PLAIN, async () => {
        for await (const value of decodeJSONEvents(source(chunks))) consume(value);
      }),
      bench(PIPELINE, async () => {
        const values = source(chunks)
          .pipeThrough(
            new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>,
          )
          .pipeThrough(new EventSourceParserStream())
          .pipeThrough(
            new TransformStream<{ data: string }, unknown>({
              transform(event, controller) {
                if (event.data === "[DONE]") controller.terminate();
                else controller.enqueue(v.parse(schema, JSON.parse(event.data)));
              },
            }),
          );
        for await (const value of values) consume(value);
      }),
      { time: 2000, warmupTime: 500, iterations: 10 },
    );
    printRatios(title, results, [
      [OURS, BASELINE],
      [OURS, CALLBACKS],
      [OURS, BASELINE_VALIDATED],
      [BASELINE_VALIDATED, BASELINE],
      [OURS_LOOSE, BASELINE],
      [OURS_PLAIN, BASELINE],
      [OURS_PLAIN, CALLBACKS],
      [PIPELINE, BASELINE],
    ]);
    if (sink === 0) throw new Error("nothing was consumed");
  });
}
