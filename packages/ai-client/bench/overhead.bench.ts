// The client's cost on a streamed answer: 2,000 tokens from the emulator (Llama 4 Scout's
// native chunks, and gpt-oss's OpenAI chunks), read to text through `ai.stream` against
// decoding the same bytes with `decodeChatStream` alone, side by side in one process.
// Target: ai.stream at most 1.2x the time of decodeChatStream (a ratio of throughputs
// of at least 0.83). Both sides run from the packages' builds, natively (see
// vitest.bench.config.ts): `pnpm bench` builds this package first.
import { createEmulator } from "@wai/ai-emulator";
import { decodeChatStream } from "@wai/ai-models";
import { test } from "vitest";
import { pairedRatios, printRatios } from "../../../scripts/bench-ratios.ts";
import { createAi } from "../dist/index.js";

const words = Array.from({ length: 2000 }, (_, i) => `word${i % 97}`);

/** The chunks of the emulator's stream of a 2,000-token answer. */
async function recordChunks(model: string): Promise<Uint8Array[]> {
  const emulator = createEmulator();
  emulator.script({ text: words.join(" "), usage: { prompt_tokens: 9, completion_tokens: 2000 } });
  const stream = (await emulator.run(model, {
    messages: [{ role: "user", content: "Talk" }],
    stream: true,
    max_tokens: 4000,
  })) as ReadableStream<Uint8Array>;
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return chunks;
}

function source(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

let sink = 0;

for (const model of ["@cf/meta/llama-4-scout-17b-16e-instruct", "@cf/openai/gpt-oss-20b"]) {
  const chunks = await recordChunks(model);
  const ai = createAi({ run: async () => source(chunks) });
  const title = `${model}: 2,000 tokens, ${chunks.length} chunks`;
  const CLIENT = "ai.stream(...).text";
  const DECODER = "decodeChatStream alone, text-deltas joined";

  const decoderAlone = async () => {
    let text = "";
    for await (const event of decodeChatStream(source(chunks))) {
      if (event.type === "text-delta") text += event.text;
    }
    sink += text.length;
  };
  const client = async () => {
    sink += (await ai.stream(model, { messages: [{ role: "user", content: "Talk" }] }).text).length;
  };

  test(title, { timeout: 600_000 }, async ({ bench }) => {
    const results = await bench.compare(bench(DECODER, decoderAlone), bench(CLIENT, client), {
      time: 2000,
      warmupTime: 500,
      iterations: 10,
    });
    printRatios(title, results, [[CLIENT, DECODER]]);
    // The figure is a cost in time: the client's time over the decoder's, by the
    // mean and by the median of the samples, from the runs above (one function after the
    // other) and from 300 alternating pairs (the figure to quote: see pairedRatios).
    const clientTimes = results.get(CLIENT).latency;
    const decoderTimes = results.get(DECODER).latency;
    const paired = await pairedRatios(decoderAlone, client, 300);
    console.table({
      "time, ai.stream / decodeChatStream (bench runs)": {
        mean: `${(clientTimes.mean / decoderTimes.mean).toFixed(2)}x`,
        median: `${(clientTimes.p50 / decoderTimes.p50).toFixed(2)}x`,
      },
      "time, ai.stream / decodeChatStream (alternating pairs)": {
        mean: `${paired.mean.toFixed(2)}x`,
        median: `${paired.median.toFixed(2)}x`,
      },
    });
    if (sink === 0) throw new Error("nothing was consumed");
  });
}
