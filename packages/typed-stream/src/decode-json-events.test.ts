import { type } from "arktype";
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  byteStream,
  cut,
  encodeText,
  multilingual,
  nativeChunks,
  openAIChunks,
  sseText,
} from "../test/fixtures.js";
import { decodeJSONEvents } from "./decode-json-events.js";
import type { TypedReadableStream } from "./typed-readable-stream.js";
import { TypedStreamError } from "./typed-stream-error.js";
import type { StandardSchemaV1 } from "./types.js";

const Native = v.object({
  response: v.string(),
  p: v.optional(v.string()),
  usage: v.optional(
    v.object({
      prompt_tokens: v.number(),
      completion_tokens: v.number(),
      total_tokens: v.number(),
    }),
  ),
});

const collectError = async (stream: ReadableStream<unknown>) => {
  const seen: unknown[] = [];
  try {
    for await (const value of stream) seen.push(value);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
};

describe("decodeJSONEvents", () => {
  test("parses each event and stops at [DONE]", async () => {
    const chunks = nativeChunks(["Hel", "lo"]);
    const values = await decodeJSONEvents(new Response(sseText(chunks)), {
      schema: Native,
    }).toArray();
    expect(values).toEqual(chunks.map(({ tool_calls: _, ...rest }) => rest));
  });

  test("valibot, zod and arktype schemas all work", async () => {
    const body = () => new Response(sseText([{ n: 1 }, { n: 2 }]));
    const schemas: StandardSchemaV1<unknown, { n: number }>[] = [
      v.object({ n: v.number() }),
      z.object({ n: z.number() }),
      type({ n: "number" }),
    ];
    for (const schema of schemas) {
      expect(await decodeJSONEvents(body(), { schema }).toArray()).toEqual([{ n: 1 }, { n: 2 }]);
      const bad = await collectError(
        decodeJSONEvents(new Response(sseText([{ n: "x" }])), { schema }),
      );
      expect(bad.error).toMatchObject({ code: "schema-mismatch", data: { n: "x" } });
    }
  });

  test("a schema's transforms shape the output", async () => {
    const schema = v.pipe(
      v.object({ response: v.string() }),
      v.transform((chunk) => chunk.response.toUpperCase()),
    );
    const text = await decodeJSONEvents(
      new Response(sseText([{ response: "a" }, { response: "b" }])),
      {
        schema,
      },
    ).reduce((all, part) => all + part, "");
    expect(text).toBe("AB");
  });

  test("without a schema, values are yielded as parsed", async () => {
    expect(await decodeJSONEvents(new Response(sseText([1, "two", null, [3]]))).toArray()).toEqual([
      1,
      "two",
      null,
      [3],
    ]);
  });

  test("the done sentinel cancels the source: nothing after it is read", async () => {
    const source = byteStream([
      encodeText("data: 1\n\ndata: [DONE]\n\n"),
      encodeText("data: 2\n\n"),
    ]);
    expect(await decodeJSONEvents(source).toArray()).toEqual([1]);
    expect(source.pulls()).toBe(1);
    expect(source.cancelled()).toBeDefined();
  });

  test("a custom sentinel, and done: false parses every event", async () => {
    const text = 'data: 1\n\ndata: "END"\n\ndata: 2\n\n';
    expect(await decodeJSONEvents(new Response(text), { done: '"END"' }).toArray()).toEqual([1]);
    expect(await decodeJSONEvents(new Response(text), { done: false }).toArray()).toEqual([
      1,
      "END",
      2,
    ]);
  });

  test("requireDone: a stream without the sentinel errors with truncated after every event", async () => {
    const chunks = nativeChunks(["a", "b"]);
    const truncated = sseText(chunks, { done: false });
    const { seen, error } = await collectError(
      decodeJSONEvents(new Response(truncated), { schema: Native, requireDone: true }),
    );
    expect(seen).toHaveLength(chunks.length);
    expect(TypedStreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: "TypedStreamError", code: "truncated" });

    // Without requireDone the same stream ends normally; with the sentinel it passes.
    expect(await decodeJSONEvents(new Response(truncated)).toArray()).toHaveLength(chunks.length);
    expect(
      await decodeJSONEvents(new Response(sseText(chunks)), { requireDone: true }).toArray(),
    ).toHaveLength(chunks.length);
  });

  test("a stream cut inside an event errors with invalid-json, not a silent end", async () => {
    const { seen, error } = await collectError(
      decodeJSONEvents(new Response('data: {"response":"a"}\n\ndata: {"resp')),
    );
    expect(seen).toEqual([{ response: "a" }]);
    expect(error).toMatchObject({ code: "invalid-json", data: '{"resp' });
  });
});

describe("decodeJSONEvents with bad input", () => {
  test("invalid JSON errors the stream, carrying the data and the SyntaxError", async () => {
    const { seen, error } = await collectError(
      decodeJSONEvents(new Response("data: 1\n\ndata: {oops\n\ndata: 2\n\n")),
    );
    expect(seen).toEqual([1]);
    expect(error).toMatchObject({ code: "invalid-json", data: "{oops" });
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  test("a schema failure errors the stream, naming the issue and its path", async () => {
    const schema = v.object({ usage: v.object({ total_tokens: v.number() }) });
    const { error } = await collectError(
      decodeJSONEvents(new Response(sseText([{ usage: { total_tokens: "many" } }])), { schema }),
    );
    expect(error).toMatchObject({
      code: "schema-mismatch",
      data: { usage: { total_tokens: "many" } },
    });
    expect((error as TypedStreamError).issues?.[0]?.path).toBeDefined();
    expect((error as Error).message).toContain("usage.total_tokens");
  });

  test("with onInvalid, bad events are skipped and each is reported, in order", async () => {
    const reported: [string, unknown][] = [];
    const values = await decodeJSONEvents(
      new Response(
        'data: {"n":1}\n\ndata: nope\n\nbogus\n\ndata: {"n":"x"}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n',
      ),
      {
        schema: v.object({ n: v.number() }),
        onInvalid: (error) => reported.push([error.code, error.data]),
      },
    ).toArray();
    expect(values).toEqual([{ n: 1 }, { n: 2 }]);
    expect(reported).toEqual([
      ["invalid-json", "nope"],
      ["invalid-sse-line", "bogus"],
      ["schema-mismatch", { n: "x" }],
    ]);
  });

  test("an onInvalid callback that throws errors the stream with its error", async () => {
    const boom = new Error("reject bad input");
    const { error } = await collectError(
      decodeJSONEvents(new Response("data: nope\n\n"), {
        onInvalid: () => {
          throw boom;
        },
      }),
    );
    expect(error).toBe(boom);
  });

  test("an asynchronous schema is awaited, and values keep their order", async () => {
    let delay = 12;
    const schema: StandardSchemaV1<unknown, number> = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate: async (value) => {
          delay = (delay * 7) % 13;
          await new Promise((resolve) => setTimeout(resolve, delay));
          return typeof value === "number" ? { value } : { issues: [{ message: "not a number" }] };
        },
      },
    };
    const numbers = Array.from({ length: 20 }, (_, i) => i);
    expect(await decodeJSONEvents(new Response(sseText(numbers)), { schema }).toArray()).toEqual(
      numbers,
    );
    const { seen, error } = await collectError(
      decodeJSONEvents(new Response(sseText([1, "x", 2])), { schema }),
    );
    expect(seen).toEqual([1]);
    expect(error).toMatchObject({
      code: "schema-mismatch",
      message: expect.stringContaining("not a number"),
    });
  });

  test.each([
    ["invalid JSON", "data: {oops\n\n", "invalid-json"],
    ["an event past maxEventSize", `data: ${"x".repeat(100)}\n\n`, "event-too-large"],
  ])(
    "values decoded before %s in the same chunk all reach a getReader() consumer before the error",
    async (_, bad, code) => {
      // An error empties a stream's queue: the values before it must be read first.
      const reader = decodeJSONEvents(new Response(`data: 1\n\ndata: 2\n\n${bad}data: 3\n\n`), {
        maxEventSize: 50,
      }).getReader();
      expect((await reader.read()).value).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect((await reader.read()).value).toBe(2);
      await expect(reader.read()).rejects.toMatchObject({ code });
    },
  );

  test("a schema that throws errors the stream with that error", async () => {
    const boom = new Error("validator crashed");
    const schema: StandardSchemaV1<unknown, unknown> = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate: () => {
          throw boom;
        },
      },
    };
    const { error } = await collectError(decodeJSONEvents(new Response(sseText([1])), { schema }));
    expect(error).toBe(boom);
  });
});

describe("decodeJSONEvents with maxEventSize", () => {
  test("one endless event (data lines without a blank line) errors with event-too-large after the events before it, whatever onInvalid says", async () => {
    let pulls = 0;
    const line = encodeText("data: 1234567\n");
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulls++ === 0) controller.enqueue(encodeText('data: {"n":1}\n\n'));
          else if (pulls < 10_000) controller.enqueue(line);
          else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const { seen, error } = await collectError(
      decodeJSONEvents(endless, { maxEventSize: 4096, onInvalid: () => {} }),
    );
    // The lines are read up to the one that passes the limit, and no further; the size
    // seen is that of the lines read.
    const lines = Math.ceil(4097 / line.length);
    expect(seen).toEqual([{ n: 1 }]);
    expect(error).toMatchObject({
      code: "event-too-large",
      data: { limit: 4096, size: lines * line.length },
    });
    expect(pulls).toBe(1 + lines);
  });

  test("the done sentinel before an event past the limit ends the stream without an error", async () => {
    const text = `data: 1\n\ndata: [DONE]\n\ndata: ${"x".repeat(100)}\n\n`;
    expect(await decodeJSONEvents(new Response(text), { maxEventSize: 50 }).toArray()).toEqual([1]);
  });
});

describe("decodeJSONEvents on Workers AI fixtures", () => {
  const deltas = [...multilingual, ...multilingual.map((s) => s.toUpperCase())];
  const fixtures = {
    native: nativeChunks(deltas),
    openai: openAIChunks(deltas),
    "native, CRLF": nativeChunks(deltas.slice(0, 4)),
  };

  test.each(Object.entries(fixtures))(
    "%s: every re-chunking of the bytes decodes identically",
    async (name, chunks) => {
      const text = sseText(chunks, { lineBreak: name.endsWith("CRLF") ? "\r\n" : "\n" });
      const bytes = encodeText(text);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }),
          async (offsets) => {
            const values = await decodeJSONEvents(byteStream(cut(bytes, offsets)), {
              requireDone: true,
            }).toArray();
            expect(values).toEqual(chunks);
          },
        ),
        { numRuns: 150 },
      );
    },
  );

  test("single-byte chunks decode the native fixture intact", async () => {
    const bytes = encodeText(sseText(fixtures.native));
    const ones = Array.from({ length: bytes.length }, (_, i) => i);
    const values = await decodeJSONEvents(byteStream(cut(bytes, ones)), {
      schema: Native,
    }).toArray();
    expect(values.map((chunk) => chunk.response).join("")).toBe(deltas.join(""));
  });
});

/** A Standard Schema that answers some values synchronously and others with a promise. */
const mixedSchema = (pending?: Promise<never>): StandardSchemaV1<unknown, { n: number }> => ({
  "~standard": {
    version: 1,
    vendor: "test",
    validate(value) {
      const { n, slow } = value as { n?: unknown; slow?: boolean };
      const result =
        typeof n === "number" ? { value: { n } } : { issues: [{ message: "n is not a number" }] };
      if (!slow) return result;
      return pending ?? new Promise((resolve) => setTimeout(() => resolve(result), 1));
    },
  },
});

/** A byte source that sends one chunk, then stays open (never sends more, never closes). */
function oneChunkThenOpen(text: string) {
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(encodeText(text));
        else return new Promise(() => {});
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => pulls };
}

/** The promise's value, or "held back" when it takes longer than `ms`. */
const within = <T>(promise: Promise<T>, ms = 200) =>
  Promise.race([
    promise,
    new Promise<"held back">((resolve) => setTimeout(() => resolve("held back"), ms)),
  ]);

const consumers = {
  "for await": async (stream: ReadableStream<{ n: number }>) => {
    for await (const value of stream) return value;
  },
  getReader: async (stream: ReadableStream<{ n: number }>) =>
    (await stream.getReader().read()).value,
  "map, then getReader": async (stream: TypedReadableStream<{ n: number }>) =>
    (
      await stream
        .map((value) => value)
        .getReader()
        .read()
    ).value,
  "map, then for await": async (stream: TypedReadableStream<{ n: number }>) => {
    for await (const value of stream.map((value) => value)) return value;
  },
};

describe("decodeJSONEvents delivers a value without waiting for the next chunk", () => {
  test.each(Object.keys(consumers) as (keyof typeof consumers)[])(
    "mixed sync/async schema with onInvalid, read by %s",
    async (consumer) => {
      // A valid event answered synchronously, then two invalid ones answered
      // asynchronously and skipped: the first value is decoded, and must not wait for
      // a chunk that never comes.
      const source = oneChunkThenOpen(
        'data: {"n":1}\n\ndata: {"slow":true}\n\ndata: {"n":"x","slow":true}\n\n',
      );
      const skipped: string[] = [];
      const stream = decodeJSONEvents(source.stream, {
        schema: mixedSchema(),
        onInvalid: (error) => skipped.push(error.code),
      });
      expect(await within(consumers[consumer](stream))).toEqual({ n: 1 });
      // Let the skipped events settle: the source is still read only once.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(skipped).toEqual(["schema-mismatch", "schema-mismatch"]);
      expect(source.pulls()).toBe(1);
    },
  );

  test.each(Object.keys(consumers) as (keyof typeof consumers)[])(
    "a value is not held back by a later event's validation that never settles, read by %s",
    async (consumer) => {
      const source = oneChunkThenOpen('data: {"n":1}\n\ndata: {"n":2,"slow":true}\n\n');
      const stream = decodeJSONEvents(source.stream, {
        schema: mixedSchema(new Promise(() => {})),
      });
      expect(await within(consumers[consumer](stream))).toEqual({ n: 1 });
    },
  );

  test("for every chunking and every mix of sync, async and skipped events, each value arrives once its chunk is read, and no chunk is read before it is needed", async () => {
    const event = fc.record({
      valid: fc.boolean(),
      slow: fc.boolean(),
      lineBreak: fc.constantFrom("\n", "\r\n"),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (events, offsets) => {
          // Each event's text, and where its last byte lands.
          let text = "";
          const ends: number[] = [];
          events.forEach(({ valid, slow, lineBreak }, n) => {
            text += `data: ${JSON.stringify({ n: valid ? n : "x", slow })}${lineBreak}${lineBreak}`;
            ends.push(encodeText(text).length);
          });
          const bytes = encodeText(text);
          const chunks = cut(
            bytes,
            offsets.map((o) => o % (bytes.length + 1)),
          );
          // The number of chunks read when event n's last byte arrives.
          const chunkOf = (end: number) => {
            let total = 0;
            for (let index = 0; index < chunks.length; index++) {
              total += (chunks[index] as Uint8Array).length;
              if (total >= end) return index + 1;
            }
            return chunks.length;
          };
          const source = byteStream(chunks);
          const skipped: number[] = [];
          const reader = decodeJSONEvents(source, {
            schema: mixedSchema(),
            onInvalid: () => skipped.push(1),
          })[Symbol.asyncIterator]();
          for (const [n, { valid }] of events.entries()) {
            if (!valid) continue;
            const next = await reader.next();
            expect(next.value).toEqual({ n });
            expect(source.pulls()).toBe(chunkOf(ends[n] as number));
          }
          expect((await reader.next()).done).toBe(true);
          expect(skipped).toHaveLength(events.filter((e) => !e.valid).length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
