import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { byteStream, cut, encodeText, multilingual } from "../test/fixtures.js";
import { decodeSSE } from "./decode-sse.js";
import { TypedStreamError } from "./typed-stream-error.js";
import type { SSEEvent } from "./types.js";

const decode = (text: string, offsets: number[] = []) =>
  decodeSSE(byteStream(cut(encodeText(text), offsets))).toArray();

/** Expected events, with the optional fields spelled out as the parser gives them. */
const events = (...list: Partial<SSEEvent>[]) =>
  list.map((e) => ({ data: e.data, event: e.event, id: e.id }));

describe("decodeSSE", () => {
  test("decodes data, event and id fields", async () => {
    expect(await decode("event: greeting\nid: 1\ndata: hello\n\ndata: world\n\n")).toEqual(
      events({ event: "greeting", id: "1", data: "hello" }, { data: "world" }),
    );
  });

  test("joins multi-line data with \\n and accepts data: without a space", async () => {
    expect(await decode("data: line one\ndata:line two\n\n")).toEqual(
      events({ data: "line one\nline two" }),
    );
  });

  test("ignores comments", async () => {
    expect(await decode(": keep-alive\n\ndata: x\n\n")).toEqual(events({ data: "x" }));
  });

  test.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("line breaks %s decode the same at every split", async (_, nl) => {
    const text = `data: a${nl}data: b${nl}${nl}data: c${nl}${nl}`;
    const bytes = encodeText(text);
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j += 3) {
        expect(await decode(text, [i, j])).toEqual(events({ data: "a\nb" }, { data: "c" }));
      }
    }
  });

  test("a UTF-8 character split across chunks comes out whole, at every split", async () => {
    const text = `data: ${multilingual.join("").replace(/\n/g, " ")}\n\n`;
    const bytes = encodeText(text);
    for (let i = 1; i < bytes.length; i++) {
      const [event] = await decodeSSE(byteStream(cut(bytes, [i]))).toArray();
      expect(event?.data).toBe(text.slice(6, -2));
    }
  });

  test("any chunking of any events gives the same events", async () => {
    const field = fc.string({ unit: "grapheme" }).filter((s) => !/[\r\n]/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            data: field,
            event: fc.option(
              field.filter((s) => s !== ""),
              { nil: undefined },
            ),
          }),
          {
            maxLength: 8,
          },
        ),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (list, nl, offsets) => {
          const text = list
            .map(
              (e) =>
                `${e.event === undefined ? "" : `event: ${e.event}${nl}`}data: ${e.data}${nl}${nl}`,
            )
            .join("");
          const bytes = encodeText(text);
          const decoded = await decodeSSE(
            byteStream(
              cut(
                bytes,
                offsets.map((o) => o % (bytes.length + 1)),
              ),
            ),
          ).toArray();
          // A leading space of a value is eaten by the `data: ` separator rule only once.
          expect(decoded).toEqual(events(...list.map((e) => ({ data: e.data, event: e.event }))));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("a last event without its blank line is still delivered", async () => {
    expect(await decode("data: a\n\ndata: b")).toEqual(events({ data: "a" }, { data: "b" }));
    expect(await decode("data: a\n\ndata: b\n")).toEqual(events({ data: "a" }, { data: "b" }));
  });

  test("reads a Response, and an empty body gives no events", async () => {
    expect(await decodeSSE(new Response("data: x\n\n")).toArray()).toEqual(events({ data: "x" }));
    expect(await decodeSSE(new Response(null)).toArray()).toEqual([]);
  });
});

describe("decodeSSE with bad input", () => {
  test("a malformed line errors the stream with invalid-sse-line, after the events before it", async () => {
    const seen: SSEEvent[] = [];
    const error = await (async () => {
      for await (const event of decodeSSE(
        new Response("data: ok\n\nnonsense here\n\ndata: late\n\n"),
      ))
        seen.push(event);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(events({ data: "ok" }));
    expect(TypedStreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      name: "TypedStreamError",
      code: "invalid-sse-line",
      data: "nonsense here",
    });
  });

  test("with onInvalid, malformed lines are skipped and each is reported", async () => {
    const reported: TypedStreamError[] = [];
    const decoded = await decodeSSE(new Response("foo: 1\ndata: a\nretry: soon\n\ndata: b\n\n"), {
      onInvalid: (error) => reported.push(error),
    }).toArray();
    expect(decoded).toEqual(events({ data: "a" }, { data: "b" }));
    expect(reported.map((e) => [e.code, e.data])).toEqual([
      ["invalid-sse-line", "foo: 1"],
      ["invalid-sse-line", "retry: soon"],
    ]);
  });

  test("the same malformed line is reported the same at every split", async () => {
    const text = "data: a\n\nunknownfield: value\n\ndata: b\n\n";
    const bytes = encodeText(text);
    for (let i = 1; i < bytes.length; i++) {
      const reported: unknown[] = [];
      const decoded = await decodeSSE(byteStream(cut(bytes, [i])), {
        onInvalid: (e) => reported.push(e.data),
      }).toArray();
      expect(decoded).toEqual(events({ data: "a" }, { data: "b" }));
      expect(reported).toEqual(["unknownfield: value"]);
    }
  });

  test("invalid UTF-8 errors the stream with invalid-utf8", async () => {
    const bytes = new Uint8Array([...encodeText("data: "), 0xff, 0xfe, 10, 10]);
    await expect(decodeSSE(byteStream([bytes])).toArray()).rejects.toMatchObject({
      code: "invalid-utf8",
    });
  });

  test("a Response that is not ok errors with http-error, its status and its body", async () => {
    const response = new Response('{"errors":[{"code":3040,"message":"Capacity"}]}', {
      status: 429,
    });
    const error = await decodeSSE(response)
      .toArray()
      .catch((e: unknown) => e);
    expect(TypedStreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "http-error",
      data: { status: 429, body: '{"errors":[{"code":3040,"message":"Capacity"}]}' },
    });
    expect((error as Error).message).toContain("429");
  });

  test("a source that errors midway errors the stream with its own error, after the events before it", async () => {
    const boom = new Error("connection reset");
    let step = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (step++ === 0) controller.enqueue(encodeText("data: first\n\ndata: cut"));
        else controller.error(boom);
      },
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of decodeSSE(source)) seen.push(event.data);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["first"]);
    expect(error).toBe(boom);
  });
});

describe("decodeSSE flow", () => {
  test("an event is delivered as soon as its last byte arrives, even if the source then stalls", async () => {
    let sent = false;
    const stalling = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(encodeText("data: first\n\ndata: sec"));
        }
        // Then never enqueue again, never close.
        return new Promise(() => {});
      },
    });
    const reader = decodeSSE(stalling).getReader();
    const first = await Promise.race([
      reader.read(),
      new Promise((resolve) => setTimeout(() => resolve("stalled"), 500)),
    ]);
    expect(first).toEqual({
      done: false,
      value: { data: "first", event: undefined, id: undefined },
    });
  });

  test("cancelling the consumer cancels the source with the reason", async () => {
    const source = byteStream([encodeText("data: 1\n\n"), encodeText("data: 2\n\n")]);
    const reader = decodeSSE(source).getReader();
    await reader.read();
    await reader.cancel("enough");
    expect(source.cancelled()).toEqual({ reason: "enough" });
  });

  test("events of one chunk read through getReader are not lost to a later for await", async () => {
    const stream = decodeSSE(new Response("data: 1\n\ndata: 2\n\ndata: 3\n\n"));
    const reader = stream.getReader();
    expect((await reader.read()).value?.data).toBe("1");
    reader.releaseLock();
    const rest: string[] = [];
    for await (const event of stream) rest.push(event.data);
    expect(rest).toEqual(["2", "3"]);
  });

  test("the source is read only as far as the consumer has read", async () => {
    const chunks = Array.from({ length: 20 }, (_, i) => encodeText(`data: ${i}\n\n`));
    const source = byteStream(chunks);
    const reader = decodeSSE(source).getReader();
    for (let i = 0; i < 5; i++) await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(source.pulls()).toBe(5);
    await reader.cancel();
  });
});

describe("decodeSSE with maxEventSize", () => {
  test("an event of exactly maxEventSize bytes passes and one byte more errors with event-too-large, after the events before it, at every chunking and line break", async () => {
    const text = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
    const event = fc.record({
      name: fc.option(text, { nil: undefined }),
      comment: fc.option(text, { nil: undefined }),
      lines: fc.array(text, { minLength: 1, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (list, nl, offsets) => {
          // An event's size: its lines with their line breaks, not the blank line.
          const lines = list.map((e) => [
            ...(e.name === undefined ? [] : [`event: ${e.name}`]),
            ...(e.comment === undefined ? [] : [`: ${e.comment}`]),
            ...e.lines.map((line) => `data: ${line}`),
          ]);
          const sizes = lines.map((ls) => encodeText(ls.map((line) => line + nl).join("")).length);
          const bytes = encodeText(
            lines.map((ls) => ls.map((line) => line + nl).join("") + nl).join(""),
          );
          const chunks = () =>
            byteStream(
              cut(
                bytes,
                offsets.map((o) => o % (bytes.length + 1)),
              ),
            );
          const expected = list.map((e) => ({
            data: e.lines.join("\n"),
            event: e.name || undefined,
            id: undefined,
          }));
          const largest = Math.max(...sizes);

          expect(await decodeSSE(chunks(), { maxEventSize: largest }).toArray()).toEqual(expected);

          const seen: SSEEvent[] = [];
          let error: unknown;
          try {
            for await (const e of decodeSSE(chunks(), { maxEventSize: largest - 1 })) seen.push(e);
          } catch (caught) {
            error = caught;
          }
          const first = sizes.indexOf(largest);
          expect(seen).toEqual(expected.slice(0, first));
          expect(TypedStreamError.isInstance(error)).toBe(true);
          expect(error).toMatchObject({
            code: "event-too-large",
            data: { limit: largest - 1, size: largest },
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])(
    "%s: every split in up to three chunks passes at the largest event's size and errors one byte below",
    async (_, nl) => {
      // A small event, then three of the largest size (two 8-byte lines each; comments
      // and event names count), so that a byte counted twice or missed at a split shows.
      const lines = [
        ["data: xy"],
        ["data: ab", "data: cd"],
        [": commnt", "data: ef"],
        ["event: e", "data: gh"],
      ];
      const text = lines.map((ls) => ls.map((line) => line + nl).join("") + nl).join("");
      const size = 2 * (8 + nl.length);
      const bytes = encodeText(text);
      const expected = events(
        { data: "xy" },
        { data: "ab\ncd" },
        { data: "ef" },
        { event: "e", data: "gh" },
      );
      for (let i = 0; i <= bytes.length; i++) {
        for (let j = i; j <= bytes.length; j++) {
          const split = () => byteStream(cut(bytes, [i, j]));
          expect(await decodeSSE(split(), { maxEventSize: size }).toArray()).toEqual(expected);
          const seen: SSEEvent[] = [];
          const error = await (async () => {
            for await (const event of decodeSSE(split(), { maxEventSize: size - 1 }))
              seen.push(event);
          })().catch((e: unknown) => e);
          expect(seen).toEqual(expected.slice(0, 1));
          expect(error).toMatchObject({ code: "event-too-large", data: { limit: size - 1, size } });
        }
      }
    },
  );

  test("a source that sends megabytes without a line break errors once past the default 1 MiB, reading little more", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61); // "aaaa..."
    let pulls = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          if (pulls === 1) controller.enqueue(encodeText("data: ok\n\ndata: "));
          // 64 MiB at most, so that a decoder without a limit still ends.
          else if (pulls <= 1025) controller.enqueue(chunk);
          else controller.close();
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const event of decodeSSE(endless, { onInvalid: () => {} })) seen.push(event.data);
    } catch (caught) {
      error = caught;
    }
    expect(seen).toEqual(["ok"]);
    // Always fatal, whatever onInvalid says.
    expect(error).toMatchObject({ name: "TypedStreamError", code: "event-too-large" });
    const { limit, size } = (error as TypedStreamError).data as { limit: number; size: number };
    expect(limit).toBe(1048576);
    expect(size).toBeGreaterThan(limit);
    expect(size).toBeLessThanOrEqual(limit + chunk.length);
    expect(pulls).toBeLessThanOrEqual(2 + Math.ceil(limit / chunk.length));
    expect(cancelled).toBe(true);
  });

  test("Infinity turns the limit off", async () => {
    const big = `data: ${"x".repeat(3000)}\n\n`;
    expect(
      (await decodeSSE(new Response(big), { maxEventSize: Infinity }).toArray())[0]?.data,
    ).toHaveLength(3000);
    await expect(
      decodeSSE(new Response(big), { maxEventSize: 2000 }).toArray(),
    ).rejects.toMatchObject({
      code: "event-too-large",
    });
  });

  describe("a promised source (what env.AI.run and fetch return)", () => {
    test("the stream exists before the bytes; its first read waits for them", async () => {
      let resolve!: (body: ReadableStream<Uint8Array>) => void;
      const answer = new Promise<ReadableStream<Uint8Array>>((r) => {
        resolve = r;
      });
      const stream = decodeSSE(answer);
      const read = stream.toArray();
      resolve(byteStream(cut(encodeText("data: a\n\ndata: b\n\n"), [3, 9])));
      expect((await read).map((event) => event.data)).toEqual(["a", "b"]);
    });

    test("a promise of a Response, ok or not", async () => {
      const ok = decodeSSE(Promise.resolve(new Response("data: hi\n\n")));
      expect((await ok.toArray()).map((event) => event.data)).toEqual(["hi"]);
      const failed = decodeSSE(Promise.resolve(new Response("nope", { status: 503 })));
      await expect(failed.toArray()).rejects.toMatchObject({ code: "http-error" });
    });

    test("a rejection errors the stream, and one nobody reads is not unhandled", async () => {
      const error = new Error("3040: Capacity temporarily exceeded");
      const rejected = Promise.reject(error);
      // The caller handles its own promise; the stream adds no unhandled one.
      rejected.catch(() => {});
      await expect(decodeSSE(rejected).toArray()).rejects.toBe(error);
      decodeSSE(rejected);
      await new Promise((resolve) => setTimeout(resolve, 10));
    });

    test("a cancel before the bytes come cancels them as soon as they do", async () => {
      let resolve!: (body: ReadableStream<Uint8Array>) => void;
      const answer = new Promise<ReadableStream<Uint8Array>>((r) => {
        resolve = r;
      });
      const stream = decodeSSE(answer);
      const reader = stream.getReader();
      const pending = reader.read();
      // The cancel settles once the bytes came and were cancelled.
      const cancelled = reader.cancel("stop");
      const body = byteStream([encodeText("data: a\n\n")]);
      resolve(body);
      await cancelled;
      expect(await pending).toEqual({ done: true, value: undefined });
      expect(body.cancelled()).toEqual({ reason: "stop" });
    });
  });
});
