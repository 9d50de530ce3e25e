// The emulator is never the bottleneck: streaming a 2,000-token reply (no injected
// latency) against @wai/typed-stream decoding the very same bytes, in the same chunks,
// side by side in one process, for both wire families (native `{response, p}` events and
// OpenAI `chat.completion.chunk`s). Each side reads its whole stream. The goal: the
// emulator's time is under 1/4 of the decoder's (a ratio below 0.25x).
// Run: pnpm --filter @wai/ai-emulator bench
import { decodeJSONEvents } from "@wai/typed-stream";
import { test } from "vitest";
import { createEmulator } from "../dist/index.js";

const families = [
  ["OpenAI chunks", "@cf/moonshotai/kimi-k2.6"],
  ["native", "@cf/meta/llama-3.1-8b-instruct"],
] as const;
const words =
  "Tides rise and fall because the Moon pulls on the oceans — façade, naïve, 東京 🙂.".split(" ");
const text = Array.from(
  { length: 2000 },
  (_, index) => `${index === 0 ? "" : " "}${words[index % words.length]}`,
).join("");
const input = {
  messages: [{ role: "user", content: "Explain tides" }],
  stream: true,
  max_tokens: 4096,
};

const joined = (chunks: readonly Uint8Array[]) => Buffer.concat(chunks).toString("base64");
const rows: Record<string, unknown>[] = [];
let sink = 0;

for (const [family, model] of families) {
  const ai = createEmulator();

  async function emulate(): Promise<Uint8Array[]> {
    ai.script({ text });
    const stream: ReadableStream<Uint8Array> = await ai.run(model, input);
    const chunks: Uint8Array[] = [];
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read())
      chunks.push(read.value);
    ai.reset();
    return chunks;
  }

  const chunks = await emulate();
  if (joined(await emulate()) !== joined(chunks))
    throw new Error("the emulator is not deterministic");
  const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);

  function source(): ReadableStream<Uint8Array> {
    let index = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
  }

  let events = 0;
  for await (const event of decodeJSONEvents(source())) events += event ? 1 : 0;

  const EMULATOR = `emulator (${family}): stream the 2,000-token reply`;
  const DECODE = `typed-stream decodeJSONEvents (${family}): decode the same bytes`;
  test(`a 2,000-token streamed reply, ${family}: ${events} events, ${bytes} bytes, ${chunks.length} chunks`, {
    timeout: 120_000,
  }, async ({ bench }) => {
    const results = await bench.compare(
      bench(EMULATOR, async () => {
        sink += (await emulate()).length;
      }),
      bench(DECODE, async () => {
        let decoded = 0;
        for await (const event of decodeJSONEvents(source())) decoded += event ? 1 : 0;
        if (decoded !== events) throw new Error(`decoded ${decoded} events of ${events}`);
        sink += decoded;
      }),
      // Long enough for many samples on a shared machine.
      { time: 2000, warmupTime: 300 },
    );
    const emulator = results.get(EMULATOR).latency;
    const decode = results.get(DECODE).latency;
    rows.push({
      family,
      "emulator ms (mean)": emulator.mean.toFixed(3),
      "decode ms (mean)": decode.mean.toFixed(3),
      "time ratio (mean)": `${(emulator.mean / decode.mean).toFixed(2)}x`,
      "time ratio (p50)": `${(emulator.p50 / decode.p50).toFixed(2)}x`,
    });
    if (rows.length === families.length) {
      console.log(
        "\nemulator time / decode time, same bytes, same process (goal: below 0.25x). The mean " +
          "counts garbage collection and, on a busy machine, time taken by other processes; " +
          "the p50 is the typical run.",
      );
      console.table(rows);
    }
    if (sink === 0) throw new Error("nothing was consumed");
  });
}
