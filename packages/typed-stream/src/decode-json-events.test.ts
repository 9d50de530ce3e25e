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
