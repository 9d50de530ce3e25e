// The client against @wai/ai-emulator as a plain object (in Node and in workerd): every
// task family, streams with tool calls in both wire formats, the tool loop, structured
// output, batch, and the error, abort and retry paths.
import { createEmulator } from "@wai/ai-emulator";
import { tool } from "@wai/ai-models";
import { registry } from "@wai/ai-models/registry";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { AiClientError } from "../src/ai-client-error.js";
import { batch } from "../src/batch.js";
import { createAi } from "../src/create-ai.js";
import { structured } from "../src/structured-output.js";
import { runTools, streamTools } from "../src/tool-loop.js";

const llama = "@cf/meta/llama-3.1-8b-instruct";
const scout = "@cf/meta/llama-4-scout-17b-16e-instruct";
const qwen = "@cf/qwen/qwen3.8-27b";
const gptOss = "@cf/openai/gpt-oss-20b";
const mistral = "@cf/mistralai/mistral-small-3.1-24b-instruct";
const fast = { initialDelayMs: 1, maxDelayMs: 2 };

const weather = tool({
  name: "get_weather",
  description: "The current weather in a city",
  parameters: v.object({ city: v.string() }),
  execute: ({ city }) => ({ city, celsius: 19 }),
});

const isPNG = (bytes: Uint8Array) => bytes[0] === 0x89 && bytes[1] === 0x50;
const isJPEG = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8;

describe("every task family", () => {
  const ai = createAi(createEmulator(), { models: registry, validateOutput: true });

  test("text generation, native and OpenAI formats", async () => {
    const native = await ai.run(llama, { prompt: "How do volcanoes form?" });
    expect(typeof native.response).toBe("string");
    const openAI = await ai.run(qwen, { messages: [{ role: "user", content: "Tea?" }] });
    expect(openAI).toHaveProperty("choices");
  });

  test("embeddings, classification, reranking, translation, summarization", async () => {
    const embedding = await ai.run("@cf/baai/bge-small-en-v1.5", { text: ["a cat", "a dog"] });
    expect("shape" in embedding && embedding.shape).toEqual([2, 384]);
    const labels = await ai.run("@cf/huggingface/distilbert-sst-2-int8", { text: "I love it" });
    expect(Array.isArray(labels)).toBe(true);
    const ranked = await ai.run("@cf/baai/bge-reranker-base", {
      query: "cats",
      contexts: [{ text: "cats purr" }, { text: "rocks" }],
    });
    expect(ranked.response?.length).toBe(2);
    const translated = await ai.run("@cf/meta/m2m100-1.2b", { text: "hello", target_lang: "fr" });
    expect(typeof translated.translated_text).toBe("string");
    const summary = await ai.run("@cf/facebook/bart-large-cnn", {
      input_text: "A long text. ".repeat(20),
    });
    expect(typeof summary.summary).toBe("string");
  });

  test("images and audio are bytes, whatever form the model sends", async () => {
    expect(
      isPNG(await ai.run("@cf/stabilityai/stable-diffusion-xl-base-1.0", { prompt: "a cat" })),
    ).toBe(true);
    expect(isJPEG(await ai.run("@cf/leonardo/phoenix-1.0", { prompt: "a cat" }))).toBe(true);
    expect(isJPEG(await ai.run("@cf/black-forest-labs/flux-1-schnell", { prompt: "a cat" }))).toBe(
      true,
    );
    const mp3 = await ai.run("@cf/myshell-ai/melotts", { prompt: "hello" });
    expect(mp3).toBeInstanceOf(Uint8Array);
    expect((await ai.run("@cf/deepgram/aura-1", { text: "hello" })).byteLength).toBeGreaterThan(0);
  });

  test("speech recognition", async () => {
    const transcript = await ai.run("@cf/openai/whisper-tiny-en", { audio: [1, 2, 3, 4] });
    expect(typeof transcript.text).toBe("string");
  });
});

describe("streams", () => {
  test("text in both wire formats, with usage and finish reason", async () => {
    const ai = createAi(createEmulator());
    for (const model of [llama, qwen, gptOss] as const) {
      const stream = ai.stream(model, {
        messages: [{ role: "user", content: "Tell me about tea" }],
      });
      const deltas = await stream.textStream().toArray();
      expect(deltas.length).toBeGreaterThan(1);
      expect(await stream.text).toBe(deltas.join(""));
      expect(await stream.finishReason).toBe("stop");
      expect((await stream.usage)?.totalTokens).toBeGreaterThan(0);
    }
  });

  test("tool calls in both wire formats", async () => {
    const ai = createAi(createEmulator());
    for (const model of [scout, llama, qwen, gptOss] as const) {
      const stream = ai.stream(model, {
        messages: [{ role: "user", content: "What is the weather in Porto?" }],
        tools: [weather.definition],
      });
      const calls = await stream.toolCalls;
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        name: "get_weather",
        arguments: { city: expect.any(String) },
      });
      expect(await stream.finishReason).toBe("tool-calls");
    }
  });

  test("the first text delta reaches the caller before the stream ends", async () => {
    const emulator = createEmulator();
    emulator.script({ text: "one two three", latency: { betweenChunksMs: 100 } });
    const stream = createAi(emulator).stream(llama, { prompt: "count" });
    let firstDelta = 0;
    for await (const event of stream) {
      if (event.type === "text-delta" && !firstDelta) firstDelta = Date.now();
    }
    // The rest of the stream came at least two chunk intervals after the first delta.
    expect(Date.now() - firstDelta).toBeGreaterThanOrEqual(150);
  });

  test("a truncated stream finishes as truncated", async () => {
    const emulator = createEmulator();
    emulator.script({ text: "cut short", truncate: true });
    expect(await createAi(emulator).stream(llama, { prompt: "x" }).finishReason).toBe("truncated");
  });

  test("no retry once a chunk was delivered; a busy start is retried", async () => {
    const emulator = createEmulator();
    emulator.script({ error: { code: 3040 } });
    emulator.script({ text: "one two three four five", failAfterChunks: 2 });
    const ai = createAi(emulator, { retry: fast });
    const stream = ai.stream(llama, { prompt: "x" });
    const error = await stream.toArray().catch((e: unknown) => e);
    expect(AiClientError.isInstance(error)).toBe(true);
    expect(emulator.calls).toHaveLength(2);
  });

  test("aborting reaches the emulator and cancels the stream", async () => {
    const emulator = createEmulator();
    emulator.script({ text: "a b c d e f", latency: { betweenChunksMs: 200 } });
    const controller = new AbortController();
    const stream = createAi(emulator).stream(llama, { prompt: "x" }, { signal: controller.signal });
    const reader = stream.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ kind: "aborted" });
    expect(emulator.calls[0]?.options).not.toHaveProperty("signal");
  });

  test("a timeout reaches the emulator", async () => {
    const emulator = createEmulator();
    emulator.script({ text: "slow", latency: { responseMs: 5_000 } });
    const started = Date.now();
    await expect(
      createAi(emulator).run(llama, { prompt: "x" }, { timeoutMs: 50 }),
    ).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("errors", () => {
  test("an unknown model's 5007, typed, with status and request id", async () => {
    const emulator = createEmulator();
    const error = await createAi(emulator)
      .run("@cf/nobody/nothing", { prompt: "x" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "AiClientError",
      kind: "upstream",
      code: 5007,
      status: 400,
      retryable: false,
    });
    expect((error as AiClientError).requestId).toBe(emulator.lastRequestId);
  });

  test("every scripted code comes back with its status and retryability", async () => {
    const cases = [
      [3036, 429, false],
      [3007, 408, true],
      [3006, 413, false],
      [3042, 404, false],
      [3001, 500, true],
      [3040, 429, true],
    ] as const;
    for (const [code, status, retryable] of cases) {
      const emulator = createEmulator();
      emulator.script({ error: { code } });
      const error = await createAi(emulator, { retry: false })
        .run(llama, { prompt: "x" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "upstream", code, status, retryable });
    }
  });

  test("3040 is retried, then succeeds", async () => {
    const emulator = createEmulator();
    emulator.busy(2);
    const answer = await createAi(emulator, { retry: fast }).run(llama, { prompt: "x" });
    expect(typeof answer.response).toBe("string");
    expect(emulator.calls).toHaveLength(3);
  });

  test("an input the emulator refuses (3010) for an id the client does not check", async () => {
    const error = await createAi(createEmulator())
      .run(llama, { prompt: 42 as unknown as string })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "upstream", code: 3010, retryable: false });
  });
});

describe("tools", () => {
  test("the loop runs the tool and answers with its result", async () => {
    const ai = createAi(createEmulator());
    for (const model of [llama, qwen] as const) {
      const result = await runTools(
        ai,
        model,
        { messages: [{ role: "user", content: "What is the weather in Porto?" }] },
        { tools: [weather] },
      );
      expect(result.steps).toHaveLength(2);
      expect(result.steps[0]?.toolResults[0]).toMatchObject({
        name: "get_weather",
        executed: true,
      });
      expect(result.text).toMatch(/According to get_weather/);
      expect(result.messages.map((m) => m.role)).toEqual([
        "user",
        "assistant",
        "tool",
        "assistant",
      ]);
    }
  });

  test("a call with bad arguments is never executed", async () => {
    const emulator = createEmulator();
    emulator.script({ toolCalls: [{ name: "get_weather", arguments: { town: 3 } }] });
    let runs = 0;
    const counted = tool({
      name: "get_weather",
      description: "The current weather in a city",
      parameters: v.object({ city: v.string() }),
      execute: () => ++runs,
    });
    const ai = createAi(emulator);
    const result = await runTools(
      ai,
      llama,
      { messages: [{ role: "user", content: "Weather?" }] },
      { tools: [counted] },
    );
    expect(runs).toBe(0);
    expect(result.steps[0]?.toolResults[0]).toMatchObject({
      executed: false,
      error: { kind: "invalid-tool-arguments" },
    });
    expect(result.messages[2]).toMatchObject({
      role: "tool",
      content: expect.stringMatching(/Invalid arguments/),
    });

    emulator.script({ toolCalls: [{ name: "get_weather", arguments: { town: 3 } }] });
    await expect(
      runTools(
        ai,
        llama,
        { messages: [{ role: "user", content: "Weather?" }] },
        { tools: [counted], onInvalidArguments: "throw" },
      ),
    ).rejects.toMatchObject({ kind: "invalid-tool-arguments", data: '{"town":3}' });
    expect(runs).toBe(0);
  });

  test("messages that do not fit are refused before sending, each issue with its path", async () => {
    // By id, without `models`: the client does not know the model's schema, the loop
    // still checks every message.
    const emulator = createEmulator();
    const messages = [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: null },
      { role: "tool", content: "19" },
      { role: "robot", content: "beep" },
    ];
    for (const loop of [
      () => runTools(createAi(emulator), scout, { messages } as never, { tools: [weather] }),
      () => streamTools(createAi(emulator), scout, { messages } as never, { tools: [weather] }),
    ]) {
      let error: unknown;
      try {
        await loop();
      } catch (caught) {
        error = caught;
      }
      expect(AiClientError.isInstance(error)).toBe(true);
      const { kind, model, message, issues } = error as AiClientError;
      expect({ kind, model }).toEqual({ kind: "invalid-input", model: scout });
      expect(
        issues?.map((issue) => issue.path?.map((s) => (s as { key: unknown }).key ?? s)),
      ).toEqual([
        ["messages", 2, "tool_call_id"],
        ["messages", 3, "role"],
      ]);
      expect(message).toMatch(/at messages\.2\.tool_call_id; .* at messages\.3\.role$/);
    }
    expect(emulator.calls).toHaveLength(0);
  });

  test("the conversation is the input's messages, checked, then each step's messages", async () => {
    const given = [
      { role: "user" as const, content: "Weather in Porto?" },
      { role: "assistant" as const, content: null },
      { role: "user" as const, content: "Well?" },
    ];
    const emulator = createEmulator();
    emulator.script({ toolCalls: [{ name: "get_weather", arguments: { city: "Porto" } }] });
    const result = await runTools(createAi(emulator), scout, { messages: given } as never, {
      tools: [weather],
    });
    expect(result.messages.slice(0, 3)).toEqual([
      given[0],
      { role: "assistant", content: "" },
      given[2],
    ]);
    expect(given[1]).toEqual({ role: "assistant", content: null });
    expect(result.messages.slice(3).map((m) => m.role)).toEqual(["assistant", "tool", "assistant"]);
    expect(result.messages[4]).toMatchObject({
      role: "tool",
      tool_call_id: (result.messages[3] as { tool_calls: { id: string }[] }).tool_calls[0]?.id,
      name: "get_weather",
    });
  });

  test("the streamed loop forwards every step's events between step boundaries", async () => {
    const ai = createAi(createEmulator());
    const stream = streamTools(
      ai,
      gptOss,
      { messages: [{ role: "user", content: "What is the weather in Porto?" }] },
      { tools: [weather] },
    );
    const kinds = (await stream.toArray())
      .map((event) => event.type)
      .filter((type) => !type.endsWith("delta"));
    expect(kinds).toEqual([
      "step-start",
      "tool-call-start",
      "tool-call",
      "usage",
      "finish",
      "tool-result",
      "step-finish",
      "step-start",
      "usage",
      "finish",
      "step-finish",
    ]);
    expect((await stream.result).text).toMatch(/According to get_weather/);
  });

  test("Mistral-family models get 9-character ids, unique in the conversation", async () => {
    const emulator = createEmulator();
    emulator.script({
      toolCalls: [
        { id: "functions.get_weather:0", name: "get_weather", arguments: { city: "Porto" } },
      ],
    });
    emulator.script({
      toolCalls: [
        { id: "functions.get_weather:0", name: "get_weather", arguments: { city: "Faro" } },
      ],
    });
    const result = await runTools(
      createAi(emulator),
      mistral,
      { messages: [{ role: "user", content: "Weather in Porto and Faro?" }] },
      { tools: [weather] },
    );
    const ids = result.messages.flatMap((m) => (m.role === "tool" ? [m.tool_call_id] : []));
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9]{9}$/);
    expect(new Set(ids).size).toBe(2);
  });

  test("repeated ids are made unique for other models", async () => {
    const emulator = createEmulator();
    emulator.script(
      { toolCalls: [{ id: "call_0", name: "get_weather", arguments: { city: "Porto" } }] },
      { times: 2 },
    );
    const result = await runTools(
      createAi(emulator),
      qwen,
      { messages: [{ role: "user", content: "Weather?" }] },
      { tools: [weather] },
    );
    const ids = result.messages.flatMap((m) => (m.role === "tool" ? [m.tool_call_id] : []));
    expect(ids).toEqual(["call_0", "call_0_2"]);
  });

  test("the step limit stops the loop", async () => {
    const emulator = createEmulator();
    emulator.script(
      { toolCalls: [{ name: "get_weather", arguments: { city: "Porto" } }] },
      { times: 5 },
    );
    const result = await runTools(
      createAi(emulator),
      llama,
      { messages: [{ role: "user", content: "Weather?" }] },
      { tools: [weather], maxSteps: 2 },
    );
    expect(result.steps).toHaveLength(2);
    expect(result.stepLimitReached).toBe(true);
    expect(result.finishReason).toBe("tool-calls");
  });
});

describe("structured output", () => {
  const schema = v.object({ city: v.string(), celsius: v.number() });

  test("sends the schema as response_format and returns the typed value", async () => {
    const emulator = createEmulator();
    emulator.script({ text: '{"city":"Porto","celsius":19}' }, { times: 2 });
    const ai = createAi(emulator, { models: registry });
    const value = await structured(
      ai,
      scout,
      { messages: [{ role: "user", content: "Porto?" }] },
      { schema },
    );
    expect(value).toEqual({ city: "Porto", celsius: 19 });
    expect(emulator.calls[0]?.inputs).toMatchObject({
      response_format: {
        type: "json_schema",
        json_schema: { type: "object", required: ["city", "celsius"] },
      },
    });
    await structured(
      ai,
      gptOss,
      { messages: [{ role: "user", content: "Porto?" }] },
      { schema, name: "weather" },
    );
    expect(emulator.calls[1]?.inputs).toMatchObject({
      response_format: {
        type: "json_schema",
        json_schema: { name: "weather", schema: { type: "object" } },
      },
    });
  });

  test("an answer that does not fit is a typed error with the raw text", async () => {
    const emulator = createEmulator();
    emulator.script({ text: '{"city":"Porto"}' });
    const error = await structured(
      createAi(emulator),
      scout,
      { messages: [{ role: "user", content: "Porto?" }] },
      { schema },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "invalid-output", text: '{"city":"Porto"}' });
  });
});

describe("batch", () => {
  test("queues, polls with backoff, and answers in request order", async () => {
    const emulator = createEmulator();
    const ai = createAi(emulator, { models: registry });
    const texts = ["one", "two", "three"];
    const results = await batch(
      ai,
      "@cf/baai/bge-small-en-v1.5",
      texts.map((text) => ({ text })),
      { pollIntervalMs: 5 },
    );
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result.success).toBe(true);
      if (result.success) expect("shape" in result.value && result.value.shape).toEqual([1, 384]);
    }
    const polls = emulator.calls.filter(
      (call) => (call.inputs as { request_id?: string }).request_id,
    );
    expect(polls.length).toBeGreaterThanOrEqual(2);
  });

  test("a request that fails is an error in its place", async () => {
    const ai = createAi(createEmulator());
    const results = await batch(
      ai,
      "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      [{ prompt: "hi" }, { prompt: 42 as unknown as string }, { prompt: "bye" }],
      { pollIntervalMs: 5 },
    );
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ success: false, error: { kind: "upstream", code: 3010 } });
  });
});
