import { collectChatStream, decodeChatStream } from "@wai/ai-models";
import { getModel } from "@wai/ai-models/registry";
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { embed, similarity } from "../src/embeddings.js";
import { AiInternalError, createEmulator, InferenceUpstreamError } from "../src/index.js";
import { createRandom } from "../src/random.js";
import { maxRandomChunks, Padding, SseEvents, writeJsonString } from "../src/sse.js";
import { tokenize, tokenPattern } from "../src/text.js";

const llama = "@cf/meta/llama-3.1-8b-instruct";
const kimi = "@cf/moonshotai/kimi-k2.6";
const weather = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Get the current weather in a city",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string" },
        unit: { type: "string", enum: ["C", "F"] },
        days: { type: "integer", minimum: 1, maximum: 7 },
      },
      required: ["city", "days"],
    },
  },
};

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("the binding's semantics", () => {
  test("JSON answers are parsed; streams are ReadableStream<Uint8Array> of SSE", async () => {
    const ai = createEmulator();
    const answer = await ai.run(llama, { prompt: "Hi", stream: true });
    expect(answer).toBeInstanceOf(ReadableStream);
    const body = await text(answer);
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(body).toMatch(/"p":"[a-z0-9]+"/);
    expect(body).toMatch(
      /data: \{"response":"","usage":\{"prompt_tokens":\d+,"completion_tokens":\d+,"total_tokens":\d+\}\}\n\ndata: \[DONE\]/,
    );
  });

  test("returnRawResponse gives the Response; last-request fields are set", async () => {
    const ai = createEmulator();
    const response = await ai.run(llama, { prompt: "Hi" }, { returnRawResponse: true });
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(ai.lastRequestId).toBe(response.headers.get("cf-ai-req-id"));
    expect(ai.lastRequestHttpStatusCode).toBe(200);
    await ai.run(llama, { prompt: "Hi" }, { gateway: { id: "gw" } });
    expect(ai.aiGatewayLogId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a model that does not stream answers JSON even when asked to", async () => {
    const answer = await createEmulator().run("@cf/baai/bge-small-en-v1.5", {
      text: "hi",
      stream: true,
    } as never);
    expect(answer).not.toBeInstanceOf(ReadableStream);
  });

  test("an abort rejects with AbortError and cancels a stream in flight", async () => {
    const ai = createEmulator({ chunking: "events" });
    const controller = new AbortController();
    controller.abort();
    await expect(
      ai.run(llama, { prompt: "Hi" }, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
    const live = new AbortController();
    ai.script({ latency: { betweenChunksMs: 5 } });
    const stream: ReadableStream<Uint8Array> = await ai.run(
      llama,
      { prompt: "Hi", stream: true },
      { signal: live.signal },
    );
    const reader = stream.getReader();
    await reader.read();
    live.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
  });

  test("options are accepted as the binding accepts them, and inputs are never changed", async () => {
    const ai = createEmulator();
    const inputs = Object.freeze({
      messages: Object.freeze([Object.freeze({ role: "user", content: "Hi" })]),
    });
    await ai.run(llama, inputs, {
      tags: ["a"],
      prefix: "x",
      extraHeaders: { a: "b" },
      rejectIfBusy: true,
      example: 123,
    });
    expect(ai.calls.at(-1)?.options).toEqual({
      tags: ["a"],
      prefix: "x",
      extraHeaders: { a: "b" },
      rejectIfBusy: true,
      example: 123,
    });
  });

  test("members that are not emulated fail clearly", () => {
    const ai = createEmulator();
    expect(() => ai.gateway("gw")).toThrow(AiInternalError);
    expect(() => ai.toMarkdown()).toThrow(/not emulated/);
    expect(() => ai.autorag("x")).toThrow(/not emulated/);
  });

  test("stream inputs are checked as the binding checks them", async () => {
    const ai = createEmulator();
    const body = new Blob(["x"]).stream();
    await expect(ai.run("@cf/deepgram/nova-3", { audio: { body } } as never)).rejects.toThrow(
      "Content-Type is required with ReadableStream inputs",
    );
  });

  test("models() lists the catalog, filtered and paged", async () => {
    const ai = createEmulator();
    expect((await ai.models()).length).toBe(111);
    expect(
      (await ai.models({ search: "llama-3.1-8b" })).some(
        (m) => m.name === "@cf/meta/llama-3.1-8b-instruct",
      ),
    ).toBe(true);
    expect(await ai.models({ per_page: 10, page: 2 })).toHaveLength(10);
    expect((await ai.models({ author: "baai" })).length).toBeGreaterThan(3);
  });
});

describe("errors as the binding throws them", () => {
  const cases: [
    string,
    (ai: ReturnType<typeof createEmulator>) => Promise<unknown>,
    number,
    number,
  ][] = [
    ["unknown model", (ai) => ai.run("@cf/nobody/nothing", { prompt: "x" }), 5007, 400],
    ["invalid input", (ai) => ai.run(llama, { prompt: 42 }), 3010, 400],
    ["too large", (ai) => ai.run(llama, { prompt: "x".repeat(11_000_000) }), 3006, 413],
    ["busy", (ai) => ai.busy(1).run(llama, { prompt: "x" }), 3040, 429],
    [
      "daily limit",
      (ai) => ai.script({ error: { code: 3036 } }).run(llama, { prompt: "x" }),
      3036,
      429,
    ],
    [
      "timeout",
      (ai) => ai.script({ error: { code: 3007 } }).run(llama, { prompt: "x" }),
      3007,
      408,
    ],
  ];
  test.each(cases)("%s", async (_name, call, code, status) => {
    const ai = createEmulator();
    const error = await call(ai).catch((caught: unknown) => caught);
    expect(InferenceUpstreamError.isInstance(error)).toBe(true);
    expect((error as Error).name).toBe("AiError");
    expect((error as Error).message).toMatch(new RegExp(`^${code}: `));
    expect(ai.lastRequestHttpStatusCode).toBe(status);
    expect(ai.lastRequestInternalStatusCode).toBe(code);
  });
});

describe("text generation", () => {
  test("replies relate to the question, depend on the seed, honour max_tokens; usage adds up", async () => {
    const ai = createEmulator();
    const question = { messages: [{ role: "user", content: "How do volcanoes form?" }] };
    const a = await ai.run(llama, question);
    expect(a.response).toMatch(/volcanoes/);
    expect(await ai.run(llama, question)).toEqual(a);
    const seeded = await ai.run(llama, { ...question, seed: 7 });
    expect(seeded.response).not.toBe(a.response);
    const short = await ai.run(llama, { ...question, max_tokens: 5 });
    expect(short.usage.completion_tokens).toBe(5);
    expect(short.usage.total_tokens).toBe(
      short.usage.prompt_tokens + short.usage.completion_tokens,
    );
    const streamed = await collectChatStream(
      decodeChatStream(await ai.run(llama, { ...question, max_tokens: 5, stream: true })),
    );
    expect(streamed.finishReason).toBe("length");
    expect(streamed.text).toBe(short.response);
  });

  test("OpenAI-format streams: chunks, reasoning, per-chunk usage, choices: [], trailer, [DONE]", async () => {
    const ai = createEmulator({ chunking: "events" });
    const body = await text(
      await ai.run(kimi, {
        messages: [{ role: "user", content: "Explain tides" }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    const events = body
      .split("\n\n")
      .filter(Boolean)
      .map((line) => line.slice(6));
    expect(events.at(-1)).toBe("[DONE]");
    const parsed = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(parsed[0].object).toBe("chat.completion.chunk");
    expect(parsed.some((chunk) => chunk.choices?.[0]?.delta?.reasoning_content)).toBe(true);
    expect(parsed.at(-2).choices).toEqual([]);
    expect(parsed.at(-1)).toMatchObject({
      response: "",
      usage: { prompt_tokens: expect.any(Number) },
    });
    const output = await collectChatStream(
      decodeChatStream(new Response(body).body as ReadableStream<Uint8Array>),
    );
    expect(output.usage?.totalTokens).toBe(parsed.at(-1).usage.total_tokens);
    expect(output.reasoning.length).toBeGreaterThan(0);
  });

  test("every chunking decodes to the same answer, UTF-8 characters split included", async () => {
    const question = {
      messages: [{ role: "user", content: "Café culture in Zürich? 東京?" }],
      stream: true,
    };
    const reference = await collectChatStream(
      decodeChatStream(await createEmulator({ chunking: "events" }).run(kimi, question)),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const output = await collectChatStream(
          decodeChatStream(await createEmulator({ seed }).run(kimi, question)),
        );
        expect(output.text).toBe(reference.text);
      }),
      { numRuns: 25 },
    );
  });

  test("embeddings: real dimension, unit length, shared words closer", async () => {
    const ai = createEmulator();
    const { data, shape } = await ai.run("@cf/baai/bge-base-en-v1.5", {
      text: ["the cat sat on the mat", "a cat on a mat", "stock market prices fell"],
    });
    expect(shape).toEqual([3, 768]);
    expect(Math.hypot(...data[0])).toBeCloseTo(1, 4);
    expect(similarity(data[0], data[1])).toBeGreaterThan(similarity(data[0], data[2]) + 0.2);
    const ranked = await ai.run("@cf/baai/bge-reranker-base", {
      query: "cat on a mat",
      contexts: [{ text: "stock prices" }, { text: "the cat sat on the mat" }],
    });
    expect(ranked.response[0].id).toBe(1);
    expect(embed("x", 384)).toHaveLength(384);
  });

  test("images are real PNG/JPEG files of the requested size", async () => {
    const ai = createEmulator();
    const png = new Uint8Array(
      await new Response(
        await ai.run("@cf/stabilityai/stable-diffusion-xl-base-1.0", {
          prompt: "a fox",
          width: 320,
          height: 256,
        }),
      ).arrayBuffer(),
    );
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    const view = new DataView(png.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([320, 256]);
    const { image } = await ai.run("@cf/leonardo/lucid-origin", {
      prompt: "a fox",
      width: 100,
      height: 60,
    });
    const jpeg = Uint8Array.from(atob(image), (c) => c.charCodeAt(0));
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    const sof = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === 0xc0);
    expect([
      (jpeg[sof + 5] as number) * 256 + (jpeg[sof + 6] as number),
      (jpeg[sof + 7] as number) * 256 + (jpeg[sof + 8] as number),
    ]).toEqual([60, 100]);
  });
});

describe("tool calls", () => {
  const ask = (content: string) => ({ messages: [{ role: "user", content }], tools: [weather] });

  test.each([llama, kimi, "@cf/qwen/qwen3.8-27b", "@cf/openai/gpt-oss-120b"])(
    "%s calls the tool the user asks for, whole and streamed",
    async (id) => {
      const ai = createEmulator();
      const input = ask("What is the weather in Porto for 3 days?");
      const whole = await ai.run(id, input);
      const model = getModel(id);
      expect(v.safeParse(model?.output as v.GenericSchema, whole).success).toBe(true);
      const streamed = await collectChatStream(
        decodeChatStream(await ai.run(id, { ...input, stream: true })),
      );
      expect(streamed.finishReason).toBe("tool-calls");
      expect(streamed.toolCalls).toHaveLength(1);
      expect(streamed.toolCalls[0]).toMatchObject({
        name: "get_weather",
        arguments: { city: "Porto", days: 3 },
      });
    },
  );

  test("no tool is called when the message does not ask for one", async () => {
    const answer = await createEmulator().run(kimi, ask("Tell me a joke"));
    expect(answer.choices[0].message.tool_calls).toBeUndefined();
  });

  test("after a tool message, the answer uses the result", async () => {
    const answer = await createEmulator().run(kimi, {
      messages: [
        { role: "user", content: "Weather in Porto?" },
        {
          role: "assistant",
          content: "",
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Porto"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: '{"celsius":19}' },
      ],
      tools: [weather],
    });
    expect(answer.choices[0].message.content).toMatch(/get_weather, celsius is 19/);
  });
});

describe("the streaming path", () => {
  // Any UTF-16 code unit (lone surrogates included), any code point, and the characters
  // that matter to tokens and to JSON.
  const unit = fc.oneof(
    fc.constantFrom(" ", "\u00a0", "\n", "\t", "'", "’", "_", '"', "\\", "é", "東", "🙂", "\u2028"),
    fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
  );
  const anyText = fc.string({ unit, maxLength: 40 });
  const encoder = new TextEncoder();

  test("tokens are written as the UTF-8 of JSON.stringify, any text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const bytes = new Uint8Array(6 * text.length + 2);
        const end = writeJsonString(text, 0, text.length, bytes, 0);
        expect(bytes.subarray(0, end)).toEqual(encoder.encode(JSON.stringify(text)));
      }),
      { numRuns: 500 },
    );
  });

  test("texts are cut into tokens as the token pattern cuts them, any text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(tokenize(text)).toEqual(text.match(tokenPattern) ?? []);
      }),
      { numRuns: 500 },
    );
  });

  test("events are written as they are read: one event at a time, or many in one buffer", () => {
    const text = "Hello wide world, déjà vu 東京 🙂";
    const ends = [5, 10, 16, 17, 22, 25, 28, 31];
    const run = { text, ends, prefix: 'data: {"response":', middle: ',"p":"', suffix: '"}\n\n' };
    const decoder = new TextDecoder();
    const events = new SseEvents([run, "data: [DONE]\n\n"], new Padding(createRandom(1)));
    expect(decoder.decode(events.write(1))).toMatch(
      /^data: \{"response":"Hello","p":"[a-z0-9]{1,24}"\}\n\n$/,
    );
    const rest = decoder.decode(events.write(Number.POSITIVE_INFINITY));
    expect(rest.split("\n\n").filter(Boolean)).toHaveLength(ends.length);
    expect(rest.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(events.write(1)).toHaveLength(0);
  });

  test("a long answer: the same bytes at any chunking, few large chunks cut anywhere", async () => {
    const long = Array.from(
      { length: 2000 },
      (_, index) => ["Tides", "東京", "🙂", "façade", "naïve"][index % 5],
    ).join(" ");
    const join = (chunks: Uint8Array[]) => Buffer.concat(chunks);
    // Chunks that start with a UTF-8 continuation byte: cuts inside a character.
    let insideCharacters = 0;
    for (const model of [llama, kimi]) {
      const read = async (options: Parameters<typeof createEmulator>[0]) => {
        // One clock for all: `created` is the same in every answer.
        const ai = createEmulator({ ...options, now: () => 1_800_000_000_000 });
        ai.script({ text: long });
        const stream: ReadableStream<Uint8Array> = await ai.run(model, {
          messages: [{ role: "user", content: "Explain tides" }],
          stream: true,
          max_tokens: 4096,
        });
        const chunks: Uint8Array[] = [];
        for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>)
          chunks.push(chunk);
        return chunks;
      };
      const events = await read({ chunking: "events" });
      expect(events.length).toBeGreaterThan(2000);
      for (const seed of [0, 1, 2, 3, 4, 5, 6, 7]) {
        const chunks = await read({ seed });
        expect(join(chunks).equals(join(events))).toBe(true);
        expect(chunks.length).toBeGreaterThan(maxRandomChunks / 4);
        expect(chunks.length).toBeLessThan(maxRandomChunks * 2);
        insideCharacters += chunks.filter((chunk) => ((chunk[0] as number) & 0xc0) === 0x80).length;
      }
      const output = await collectChatStream(
        decodeChatStream(new Response(join(events)).body as ReadableStream<Uint8Array>),
      );
      expect(output.text).toBe(long);
    }
    expect(insideCharacters).toBeGreaterThan(0);
  });
});
