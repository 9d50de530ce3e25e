import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { byteStream, cut } from "../test/fixtures.js";
import { decodeJSONEvents } from "./decode-json-events.js";
import { decodeSSE } from "./decode-sse.js";
import { encodeSSE } from "./encode-sse.js";
import { TypedReadableStream } from "./typed-readable-stream.js";

const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("encodeSSE", () => {
  test("writes one data event per value, then [DONE]", async () => {
    expect(await text(encodeSSE([{ a: 1 }, "two"]))).toBe(
      'data: {"a":1}\n\ndata: "two"\n\ndata: [DONE]\n\n',
    );
  });

  test("event names, fixed or per value", async () => {
    expect(await text(encodeSSE([1], { event: "n", done: false }))).toBe("event: n\ndata: 1\n\n");
    const named = encodeSSE([1, 2], { event: (n) => (n === 1 ? "first" : undefined), done: false });
    expect(await text(named)).toBe("event: first\ndata: 1\n\ndata: 2\n\n");
  });

  test("a custom serializer's line breaks become several data lines", async () => {
    const stream = encodeSSE(["a\nb\r\nc"], { serialize: (s) => s, done: "END" });
    expect(await text(stream)).toBe("data: a\ndata: b\ndata: c\n\ndata: END\n\n");
    const [event] = await decodeSSE(
      encodeSSE(["a\nb"], { serialize: (s) => s, done: false }),
    ).toArray();
    expect(event?.data).toBe("a\nb");
  });

  test("decodeJSONEvents(encodeSSE(x)) gives back x, for any JSON values and any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (values, offsets) => {
          const bytes = new Uint8Array(await new Response(encodeSSE(values)).arrayBuffer());
          const chunks = cut(
            bytes,
            offsets.map((o) => o % (bytes.length + 1)),
          );
          const decoded = await decodeJSONEvents(byteStream(chunks), {
            requireDone: true,
          }).toArray();
          // JSON has no -0: it comes back as 0, as JSON.parse(JSON.stringify(x)) gives.
          expect(decoded).toEqual(JSON.parse(JSON.stringify(values)));
        },
      ),
      { numRuns: 150 },
    );
  });

  test("a source that errors errors the bytes, without a done event", async () => {
    const boom = new Error("upstream failed");
    async function* failing() {
      yield 1;
      throw boom;
    }
    const reader = encodeSSE(failing()).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe("data: 1\n\n");
    await expect(reader.read()).rejects.toBe(boom);
  });

  test("values are read one at a time, and cancelling cancels the source", async () => {
    let produced = 0;
    let cancelled: unknown;
    const source = new ReadableStream<number>(
      {
        pull: (controller) => controller.enqueue(produced++),
        cancel: (reason) => {
          cancelled = reason;
        },
      },
      { highWaterMark: 0 },
    );
    const reader = encodeSSE(TypedReadableStream.from(source)).getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBe(2);
    await reader.cancel("closed tab");
    expect(cancelled).toBe("closed tab");
  });
});
