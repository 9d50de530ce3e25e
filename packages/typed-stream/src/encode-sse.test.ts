import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { byteStream, cut } from "../test/fixtures.js";
import { decodeJSONEvents } from "./decode-json-events.js";
import { decodeSSE } from "./decode-sse.js";
import { encodeSSE } from "./encode-sse.js";
import { TypedReadableStream } from "./typed-readable-stream.js";
import { TypedStreamError } from "./typed-stream-error.js";

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

  test("a source that errors midway ends the bytes cleanly with an error event, not a done event", async () => {
    const boom = Object.assign(new Error("upstream failed"), { code: "ECONNRESET" });
    async function* failing() {
      yield 1;
      throw boom;
    }
    // The bytes end normally (text() would reject on a stream that errors).
    expect(await text(encodeSSE(failing()))).toBe(
      'data: 1\n\nevent: error\ndata: {"name":"Error","code":"ECONNRESET","message":"upstream failed"}\n\n',
    );
  });

  test.each([
    [
      "a TypedStreamError",
      new TypedStreamError("Schema mismatch: n is not a number", {
        code: "schema-mismatch",
        data: { secret: "the value" },
        cause: new Error("inner secret"),
      }),
      {
        name: "TypedStreamError",
        code: "schema-mismatch",
        message: "Schema mismatch: n is not a number",
      },
    ],
    [
      "an Error without a code",
      new RangeError("too far"),
      { name: "RangeError", message: "too far" },
    ],
    [
      "an Error with a numeric code",
      Object.assign(new Error("abort"), { code: 20 }),
      { name: "Error", code: 20, message: "abort" },
    ],
    [
      "an error whose code is not a string or a number",
      Object.assign(new Error("odd"), { code: { secret: 1 }, token: "secret" }),
      { name: "Error", message: "odd" },
    ],
    ["a thrown string", "boom", { name: "Error", message: "boom" }],
    ["undefined", undefined, { name: "Error", message: "undefined" }],
  ])(
    "the error event of %s holds its name, code and message, and nothing else",
    async (_, error, expected) => {
      let pulls = 0;
      const source = new ReadableStream<number>(
        {
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(1);
            else controller.error(error);
          },
        },
        { highWaterMark: 0 },
      );
      const events = await decodeSSE(encodeSSE(source)).toArray();
      expect(events.map((e) => e.event)).toEqual([undefined, "error"]);
      const data = events[1]?.data ?? "";
      expect(JSON.parse(data)).toStrictEqual(expected);
      expect(data).not.toMatch(/secret|stack|cause|\bat /);
    },
  );

  test("any values, then an error at any point: every value, one error event, no done event, at any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 10 }),
        fc.string(),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (values, message, offsets) => {
          async function* failing() {
            yield* values;
            throw new Error(message);
          }
          const bytes = new Uint8Array(await new Response(encodeSSE(failing())).arrayBuffer());
          const chunks = cut(
            bytes,
            offsets.map((o) => o % (bytes.length + 1)),
          );
          const events = await decodeSSE(byteStream(chunks)).toArray();
          const last = events.pop();
          expect(events.map((e) => JSON.parse(e.data))).toEqual(JSON.parse(JSON.stringify(values)));
          expect(events.every((e) => e.event === undefined)).toBe(true);
          expect(last?.event).toBe("error");
          expect(JSON.parse(last?.data ?? "")).toStrictEqual({ name: "Error", message });
        },
      ),
      { numRuns: 100 },
    );
  });

  test.each([
    ["undefined", undefined],
    ["a function", () => 1],
  ])(
    "a value JSON.stringify cannot serialize (%s) ends the bytes with an unserializable-value error event, and cancels the source",
    async (_, bad) => {
      let cancelled: unknown;
      const source = new ReadableStream<unknown>(
        {
          start(controller) {
            controller.enqueue({ n: 1 });
            controller.enqueue(bad);
            controller.enqueue({ n: 2 });
          },
          cancel(reason) {
            cancelled = reason;
          },
        },
        { highWaterMark: 0 },
      );
      const events = await decodeSSE(encodeSSE(source)).toArray();
      expect(events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
        [undefined, { n: 1 }],
        [
          "error",
          {
            name: "TypedStreamError",
            code: "unserializable-value",
            message: expect.stringContaining("serializ"),
          },
        ],
      ]);
      expect(TypedStreamError.isInstance(cancelled)).toBe(true);
      expect(cancelled).toMatchObject({ code: "unserializable-value", data: bad });
    },
  );

  test("a custom serializer that throws, or an event function that throws, ends with an error event", async () => {
    const throwing = encodeSSE([1, 2], {
      serialize: (n) => {
        if (n === 2) throw new TypeError("Do not know how to serialize a BigInt");
        return String(n);
      },
    });
    expect(await text(throwing)).toBe(
      'data: 1\n\nevent: error\ndata: {"name":"TypeError","message":"Do not know how to serialize a BigInt"}\n\n',
    );
    const naming = encodeSSE([1], {
      event: () => {
        throw new Error("no name");
      },
    });
    expect(await text(naming)).toBe('event: error\ndata: {"name":"Error","message":"no name"}\n\n');
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
