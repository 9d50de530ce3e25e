// The emulator is never the bottleneck: streaming a 2,000-token reply (no injected
// latency) against @wai/typed-stream decoding the very same bytes, in the same chunks,
// side by side in one process. Run: pnpm --filter @wai/ai-emulator bench
import { decodeJSONEvents } from "@wai/typed-stream";
import { test } from "vitest";
import { printRatios } from "../../../scripts/bench-ratios.ts";
import { createEmulator } from "../dist/index.js";

const model = "@cf/moonshotai/kimi-k2.6";
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
const ai = createEmulator();

async function emulate(): Promise<Uint8Array[]> {
  ai.script({ text });
  const stream: ReadableStream<Uint8Array> = await ai.run(model, input);
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read())
    chunks.push(read.value);
  return chunks;
}

const chunks = await emulate();
ai.reset();

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

let sink = 0;
const EMULATOR = "emulator: stream the 2,000-token reply";
const DECODE = "typed-stream decodeJSONEvents: decode the same bytes";

test(`a 2,000-token streamed reply, ${chunks.length} chunks`, { timeout: 120_000 }, async ({
  bench,
}) => {
  const results = await bench.compare(
    bench(EMULATOR, async () => {
      sink += (await emulate()).length;
      ai.reset();
    }),
    bench(DECODE, async () => {
      for await (const event of decodeJSONEvents(source())) sink += event ? 1 : 0;
    }),
  );
  printRatios(
    "emulator vs decoding (a ratio above 4.00x: the emulator takes under 1/4 of the decode time)",
    results,
    [[EMULATOR, DECODE]],
  );
  if (sink === 0) throw new Error("nothing was consumed");
});
