import { expect, test } from "vitest";
import { encodeText, nativeChunks, sseText } from "../test/fixtures.js";
import { decodeJSONEvents } from "./decode-json-events.js";

// A long stream generated on demand: 50 MB of events in 4 KB chunks, never all in memory.
function longStream(totalBytes: number) {
  const block = encodeText(
    sseText(nativeChunks(["The quick brown fox jumps over the lazy dog. "]), { done: false }),
  );
  let sent = 0;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls++;
        if (sent >= totalBytes) {
          controller.enqueue(encodeText("data: [DONE]\n\n"));
          controller.close();
          return;
        }
        const chunk = new Uint8Array(4096);
        for (let offset = 0; offset < chunk.length; offset += block.length) {
          chunk.set(block.subarray(0, Math.min(block.length, chunk.length - offset)), offset);
        }
        // Whole blocks only, so the stream stays valid SSE.
        const whole = chunk.subarray(0, Math.floor(chunk.length / block.length) * block.length);
        sent += whole.length;
        controller.enqueue(whole);
      },
    },
    { highWaterMark: 0 },
  );
  const eventsPerChunk = Math.floor(4096 / block.length) * 3;
  return { stream, pulls: () => pulls, eventsPerChunk };
}

const gc = (globalThis as { gc?: () => void }).gc;

test("memory stays flat over a long stream", async () => {
  const total = 50 * 1024 * 1024;
  const { stream, pulls, eventsPerChunk } = longStream(total);
  let count = 0;
  let heapAfterWarmup = 0;
  let maxQueued = 0;
  for await (const _ of decodeJSONEvents(stream, { requireDone: true })) {
    count++;
    // The source is read in step with the consumer: events read ahead stay bounded.
    maxQueued = Math.max(maxQueued, pulls() * eventsPerChunk - count);
    if (count === 20_000 && gc) {
      gc();
      heapAfterWarmup = process.memoryUsage().heapUsed;
    }
  }
  expect(count).toBeGreaterThan(300_000);
  expect(maxQueued).toBeLessThan(eventsPerChunk);
  if (gc) {
    gc();
    const growth = process.memoryUsage().heapUsed - heapAfterWarmup;
    // 50 MB went through; what stays behind must be a small constant.
    expect(growth).toBeLessThan(4 * 1024 * 1024);
  }
}, 120_000);

test("memory stays bounded when a source sends a line that never ends", async () => {
  // 64 KiB chunks of "a" after "data: ", with no line break: up to 256 MiB, so that a
  // decoder without a limit still ends.
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const limit = 4 * 1024 * 1024;
  let pulls = 0;
  let heapAtStart = 0;
  let maxGrowth = 0;
  const endless = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls++;
        // What the decoder holds, sampled every 16 chunks (1 MiB).
        if (gc && pulls % 16 === 1) {
          gc();
          const heap = process.memoryUsage().heapUsed;
          if (pulls === 1) heapAtStart = heap;
          maxGrowth = Math.max(maxGrowth, heap - heapAtStart);
        }
        if (pulls === 1) controller.enqueue(new TextEncoder().encode("data: "));
        else if (pulls <= 4097) controller.enqueue(chunk);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const error = await decodeJSONEvents(endless, { maxEventSize: limit })
    .toArray()
    .catch((e: unknown) => e);
  // What was held never went much past the limit (a string of it, and a chunk).
  if (gc) expect(maxGrowth).toBeLessThan(2 * limit);
  expect(error).toMatchObject({ code: "event-too-large", data: { limit } });
  expect(pulls).toBeLessThanOrEqual(2 + limit / chunk.length);
}, 120_000);
