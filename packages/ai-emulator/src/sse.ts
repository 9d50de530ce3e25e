// Server-sent-event bytes as Workers AI sends them, cut into chunks anywhere (seeded),
// with latency, truncation and mid-stream failure when scripted.
import { createRandom } from "./random.js";

const encoder = new TextEncoder();

/**
 * The SSE text of events: one `data:` line and an empty line each. An event that is a
 * string is written as it is (`[DONE]`, or JSON text made beforehand).
 */
export function sseText(events: readonly unknown[]): string {
  let text = "";
  for (const event of events)
    text += `data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`;
  return text;
}

/** Whether an event ends an answer: a finish reason, the usage trailer, `choices: []`, `[DONE]`. */
function isTerminal(event: unknown): boolean {
  if (event === "[DONE]") return true;
  if (!event || typeof event !== "object") return false;
  const value = event as {
    finish_reason?: unknown;
    usage?: unknown;
    choices?: { finish_reason?: unknown }[];
    response?: unknown;
  };
  if (value.finish_reason) return true;
  if (Array.isArray(value.choices))
    return value.choices.length === 0 || value.choices.some((choice) => choice.finish_reason);
  return value.usage !== undefined && value.response === "";
}

/** The events of a truncated stream: everything before the first terminal event. */
export function truncateEvents(events: readonly unknown[]): unknown[] {
  const end = events.findIndex(isTerminal);
  return end < 0 ? [...events] : events.slice(0, end);
}

/** How the chunks of a body are cut and paced. */
export interface ChunkPlan {
  chunking: "random" | "events";
  seed: number;
  firstChunkMs?: number | undefined;
  betweenChunksMs?: number | undefined;
  failAfterChunks?: number | undefined;
}

/** Cuts bytes into chunks: at random sizes (1 byte to twice the mean event), or per event. */
export function cutChunks(events: readonly unknown[], plan: ChunkPlan): Uint8Array[] {
  if (plan.chunking === "events")
    return events.map((event) =>
      encoder.encode(`data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`),
    );
  // Each line is encoded into one buffer: a short line of ASCII encodes fast, where one
  // long string with a multi-byte character somewhere would be encoded slowly as a whole.
  const lines = events.map(
    (event) => `data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`,
  );
  let capacity = 0;
  for (const line of lines) capacity += line.length * 3;
  const buffer = new Uint8Array(capacity);
  let length = 0;
  for (const line of lines) length += encoder.encodeInto(line, buffer.subarray(length)).written;
  const bytes = buffer.subarray(0, length);
  const random = createRandom(plan.seed);
  const mean = Math.max(2, Math.round(bytes.length / Math.max(1, events.length)));
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + random.int(2 * mean);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Callbacks of {@link chunkStream}. */
export interface ChunkStreamHooks {
  onChunk?: ((chunk: Uint8Array) => void) | undefined;
  onEnd?: (() => void) | undefined;
}

/** A byte stream that sends the chunks one per pull, paced and failed as planned. */
export function chunkStream(
  chunks: readonly Uint8Array[],
  plan: Omit<ChunkPlan, "chunking" | "seed">,
  hooks: ChunkStreamHooks = {},
): ReadableStream<Uint8Array> {
  if (!plan.firstChunkMs && !plan.betweenChunksMs && plan.failAfterChunks === undefined) {
    // Nothing to pace or fail: the chunks are queued at once (the bytes exist already),
    // and each read takes the next one, as cut.
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) {
          hooks.onChunk?.(chunk);
          controller.enqueue(chunk);
        }
        hooks.onEnd?.();
        controller.close();
      },
    });
  }
  let index = 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const delay = index === 0 ? plan.firstChunkMs : plan.betweenChunksMs;
        if (delay) await sleep(delay);
        if (cancelled) return;
        if (plan.failAfterChunks !== undefined && index >= plan.failAfterChunks) {
          controller.error(new Error("Network connection lost."));
          return;
        }
        const chunk = chunks[index++];
        if (chunk === undefined) {
          hooks.onEnd?.();
          controller.close();
          return;
        }
        hooks.onChunk?.(chunk);
        controller.enqueue(chunk);
        if (index === chunks.length && plan.failAfterChunks === undefined) {
          hooks.onEnd?.();
          controller.close();
        }
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
}
