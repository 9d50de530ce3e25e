import { getModel, registry } from "@wai/ai-models/registry";
import { describe, expect, test, vi } from "vitest";
import { byteStream, fakeBinding, upstreamError } from "../test/fake-binding.js";
import { AiClientError } from "./ai-client-error.js";
import { createAi } from "./create-ai.js";

const llama = "@cf/meta/llama-3.1-8b-instruct";
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe("run", () => {
  test("sends the input as given and returns the output, with the call's options", async () => {
    const binding = fakeBinding(() => ({ response: "Hi!", usage: { prompt_tokens: 1 } }));
    const ai = createAi(binding, { gateway: { id: "gw" } });
    const output = await ai.run(llama, { prompt: "Hello" }, { tags: ["t"] });
    expect(output.response).toBe("Hi!");
    expect(binding.calls).toHaveLength(1);
    expect(binding.calls[0]?.model).toBe(llama);
    expect(binding.calls[0]?.inputs).toEqual({ prompt: "Hello" });
    expect(binding.calls[0]?.options).toMatchObject({ gateway: { id: "gw" }, tags: ["t"] });
    expect(binding.calls[0]?.options.signal).toBeInstanceOf(AbortSignal);
  });

  test("refuses an invalid input before sending, with each issue and its path", async () => {
    const binding = fakeBinding(() => ({ response: "never" }));
    const ai = createAi(binding, { models: registry });
    const error = await ai
      .run(llama, { messages: [{ role: "user", content: 42 as unknown as string }] })
      .catch((e: unknown) => e);
    expect(AiClientError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: "invalid-input", model: llama, retryable: false });
    const issues = (error as AiClientError).issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.path?.map((s) => (typeof s === "object" ? s.key : s))).toEqual([
      "messages",
      0,
      "content",
    ]);
    expect(binding.calls).toHaveLength(0);
  });

  test("checks the input of a model value without a models option", async () => {
    const model = getModel("@cf/baai/bge-m3");
    if (!model) throw new Error("no bge-m3");
    const binding = fakeBinding(() => ({ shape: [1, 2], data: [[0.1, 0.2]] }));
    const ai = createAi(binding);
    await expect(ai.run(model, { text: 42 })).rejects.toMatchObject({ kind: "invalid-input" });
    await expect(ai.run(model, { text: "a" })).resolves.toEqual({
      shape: [1, 2],
      data: [[0.1, 0.2]],
    });
    expect(binding.calls).toHaveLength(1);
  });

  test("never changes the caller's input", async () => {
    const binding = fakeBinding(() => ({ response: "ok" }));
    const ai = createAi(binding, { models: registry });
    const input = Object.freeze({
      messages: Object.freeze([Object.freeze({ role: "user" as const, content: "Hi" })]),
    });
    const copy = structuredClone(input);
    await ai.run(llama, input as never);
    const stream = ai.stream(llama, input as never);
    await stream.text.catch(() => {});
    expect(input).toEqual(copy);
    expect(binding.calls[1]?.inputs).toEqual({ ...copy, stream: true });
  });

  test("refuses stream: true, which is ai.stream's", async () => {
    const ai = createAi(fakeBinding(() => ({})));
    await expect(ai.run(llama, { prompt: "x", stream: true })).rejects.toMatchObject({
      kind: "invalid-input",
    });
  });

  test("an unknown model id is sent as given, and its 5007 comes back typed", async () => {
    const binding = fakeBinding(() => {
      throw upstreamError(5007, "No such model @cf/nobody/nothing or task");
    });
    const ai = createAi(binding, { models: registry });
    const error = await ai.run("@cf/nobody/nothing", { prompt: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "AiClientError",
      kind: "upstream",
      code: 5007,
      status: 400,
      retryable: false,
      requestId: "req-1",
      model: "@cf/nobody/nothing",
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(binding.calls[0]?.inputs).toEqual({ prompt: "x" });
  });

  test("binary outputs are bytes, whether streamed, bytes or base64 JSON", async () => {
    const base64 = btoa(String.fromCharCode(...png));
    const answers: unknown[] = [
      byteStream([png.subarray(0, 4), png.subarray(4)]),
      png.buffer.slice(0),
      { image: base64 },
      { audio: base64 },
    ];
    const ai = createAi(fakeBinding((_, index) => answers[index]));
    expect(
      await ai.run("@cf/stabilityai/stable-diffusion-xl-base-1.0", { prompt: "a cat" }),
    ).toEqual(png);
    expect(await ai.run("@cf/leonardo/phoenix-1.0", { prompt: "a cat" })).toEqual(png);
    expect(await ai.run("@cf/black-forest-labs/flux-1-schnell", { prompt: "a cat" })).toEqual(png);
    expect(await ai.run("@cf/myshell-ai/melotts", { prompt: "hello" })).toEqual(png);
  });

  test("a JSON answer that came as a stream (a content type with a charset) is JSON", async () => {
    const ai = createAi(fakeBinding(() => byteStream(['{"shape":[1,1],', '"data":[[0.5]]}'])));
    expect(await ai.run("@cf/baai/bge-m3", { text: "a" })).toEqual({
      shape: [1, 1],
      data: [[0.5]],
    });
  });

  test("validateOutput checks the output against the model's schema", async () => {
    const ai = createAi(
      fakeBinding(() => ({ shape: "nope" })),
      { models: registry },
    );
    await expect(ai.run("@cf/baai/bge-m3", { text: "a" })).resolves.toEqual({ shape: "nope" });
    await expect(
      ai.run("@cf/baai/bge-m3", { text: "a" }, { validateOutput: true }),
    ).rejects.toMatchObject({ kind: "invalid-output" });
  });

  test("createAi refuses what is no binding", () => {
    expect(() => createAi({} as never)).toThrow(/run method/);
  });
});

describe("retries", () => {
  test("retries 3040 with backoff, then succeeds", async () => {
    const binding = fakeBinding((_, index) => {
      if (index < 2) throw upstreamError(3040, "Capacity temporarily exceeded, please try again.");
      return { response: "finally" };
    });
    const ai = createAi(binding, { retry: { initialDelayMs: 1, maxDelayMs: 2 } });
    expect(await ai.run(llama, { prompt: "x" })).toEqual({ response: "finally" });
    expect(binding.calls).toHaveLength(3);
  });

  test("gives up after maxRetries, with the last error", async () => {
    const binding = fakeBinding(() => {
      throw upstreamError(3040);
    });
    const ai = createAi(binding, { retry: { maxRetries: 1, initialDelayMs: 1 } });
    await expect(ai.run(llama, { prompt: "x" })).rejects.toMatchObject({
      code: 3040,
      retryable: true,
    });
    expect(binding.calls).toHaveLength(2);
  });

  test("does not retry what a retry cannot fix, nor when retries are off", async () => {
    for (const [code, retry] of [
      [5007, undefined],
      [3036, undefined],
      [3040, false],
    ] as const) {
      const binding = fakeBinding(() => {
        throw upstreamError(code);
      });
      const ai = createAi(binding, { retry: retry ?? { initialDelayMs: 1 } });
      await expect(ai.run(llama, { prompt: "x" })).rejects.toMatchObject({ code });
      expect(binding.calls).toHaveLength(1);
    }
  });

  test("retries network failures", async () => {
    const binding = fakeBinding((_, index) => {
      if (index === 0) throw new TypeError("fetch failed");
      return { response: "ok" };
    });
    const ai = createAi(binding, { retry: { initialDelayMs: 1 } });
    expect(await ai.run(llama, { prompt: "x" })).toEqual({ response: "ok" });
  });
});

describe("abort and timeout", () => {
  test("the caller's signal aborts the call and reaches the binding", async () => {
    let seen: AbortSignal | undefined;
    const binding = fakeBinding(
      ({ options }) =>
        new Promise((_, reject) => {
          seen = options.signal as AbortSignal;
          seen.addEventListener("abort", () =>
            reject(new DOMException("The operation was aborted.", "AbortError")),
          );
        }),
    );
    const controller = new AbortController();
    const ai = createAi(binding);
    const call = ai.run(llama, { prompt: "x" }, { signal: controller.signal });
    await Promise.resolve();
    controller.abort();
    await expect(call).rejects.toMatchObject({ kind: "aborted", retryable: false });
    expect(seen?.aborted).toBe(true);
  });

  test("timeoutMs ends a call that takes too long, even one that ignores its signal", async () => {
    const binding = fakeBinding(() => new Promise(() => {}));
    const ai = createAi(binding);
    await expect(ai.run(llama, { prompt: "x" }, { timeoutMs: 20 })).rejects.toMatchObject({
      kind: "timeout",
    });
    expect((binding.calls[0]?.options.signal as AbortSignal | undefined)?.aborted).toBe(true);
  });

  test("an abort during the backoff stops the retries", async () => {
    const binding = fakeBinding(() => {
      throw upstreamError(3040);
    });
    const controller = new AbortController();
    const ai = createAi(binding, { retry: { initialDelayMs: 10_000, maxDelayMs: 10_000 } });
    // Full jitter may draw a delay shorter than the abort's (a busy machine runs the 10 ms
    // timer late): this backoff draws 9.9 s.
    const random = vi.spyOn(Math, "random").mockReturnValue(0.99);
    try {
      const call = ai.run(llama, { prompt: "x" }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 10);
      await expect(call).rejects.toMatchObject({ kind: "aborted" });
      expect(binding.calls).toHaveLength(1);
    } finally {
      random.mockRestore();
    }
  });
});
