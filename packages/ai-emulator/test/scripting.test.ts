import { collectChatStream, decodeChatStream } from "@wai/ai-models";
import { describe, expect, test } from "vitest";
import { createEmulator, recordAi } from "../src/index.js";

const llama = "@cf/meta/llama-3.1-8b-instruct";
const kimi = "@cf/moonshotai/kimi-k2.6";

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return chunks;
}

describe("scripts and faults", () => {
  test("scripted text, reasoning, tool calls and usage, per model and times", async () => {
    const ai = createEmulator();
    ai.script(
      {
        text: "Scripted",
        reasoning: "Thinking",
        usage: { prompt_tokens: 3, completion_tokens: 4 },
      },
      { model: kimi, times: 2 },
    );
    const answer = await ai.run(kimi, { messages: [{ role: "user", content: "Hi" }] });
    expect(answer.choices[0].message).toMatchObject({
      content: "Scripted",
      reasoning_content: "Thinking",
    });
    expect(answer.usage).toEqual({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    expect((await ai.run(llama, { prompt: "Hi" })).response).not.toBe("Scripted");
    const streamed = await collectChatStream(
      decodeChatStream(
        await ai.run(kimi, { messages: [{ role: "user", content: "Hi" }], stream: true }),
      ),
    );
    expect(streamed).toMatchObject({ text: "Scripted", reasoning: "Thinking" });
    ai.script({ toolCalls: [{ name: "lookup", arguments: { q: "x" } }] });
    const called = await ai.run(llama, { prompt: "Hi" });
    expect(called.tool_calls).toEqual([{ name: "lookup", arguments: { q: "x" } }]);
  });

  test("an error code, busy for N calls", async () => {
    const ai = createEmulator();
    ai.script({ error: { code: 3040 } });
    await expect(ai.run(llama, { prompt: "Hi" })).rejects.toThrow(
      "3040: Capacity temporarily exceeded, please try again.",
    );
    ai.busy(2);
    await expect(ai.run(llama, { prompt: "Hi" })).rejects.toThrow(/^3040/);
    await expect(ai.run(llama, { prompt: "Hi" })).rejects.toThrow(/^3040/);
    await expect(ai.run(llama, { prompt: "Hi" })).resolves.toHaveProperty("response");
  });

  test("truncation: no finish reason, no [DONE]", async () => {
    const ai = createEmulator();
    ai.script({ truncate: true });
    const output = await collectChatStream(
      decodeChatStream(
        await ai.run(kimi, { messages: [{ role: "user", content: "Hi" }], stream: true }),
      ),
    );
    expect(output.finishReason).toBe("truncated");
  });

  test("failing mid-stream, latency", async () => {
    const ai = createEmulator({ chunking: "events" });
    ai.script({ failAfterChunks: 3 });
    const stream = await ai.run(llama, { prompt: "Hi", stream: true });
    await expect(bytes(stream)).rejects.toThrow("Network connection lost.");
    ai.script({ latency: { firstChunkMs: 30 } });
    const started = Date.now();
    const reader = (await ai.run(llama, { prompt: "Hi", stream: true })).getReader();
    await reader.read();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    await reader.cancel();
  });

  test("every call is recorded", async () => {
    const ai = createEmulator();
    await ai.run(llama, { prompt: "Hi" });
    await bytes(await ai.run(llama, { prompt: "Hi", stream: true }));
    await ai.run("@cf/nobody/none", {}).catch(() => {});
    expect(ai.calls.map((call) => [call.model, call.status, call.contentType])).toEqual([
      [llama, 200, "application/json"],
      [llama, 200, "text/event-stream"],
      ["@cf/nobody/none", 400, "application/json"],
    ]);
    expect(ai.calls[0]?.output).toHaveProperty("response");
    expect(new TextDecoder().decode(ai.calls[1]?.bytes)).toMatch(/data: \[DONE\]\n\n$/);
    expect(ai.calls[2]?.errorCode).toBe(5007);
  });
});

describe("recordings", () => {
  test("recording the emulator and replaying it gives the same bytes, chunk for chunk", async () => {
    const source = createEmulator({ seed: 42 });
    const { ai, recording, settled } = recordAi(source);
    const streamed = await bytes(
      await ai.run(kimi, { messages: [{ role: "user", content: "Hi" }], stream: true }),
    );
    const json = await ai.run(llama, { prompt: "Hello" });
    const image = await bytes(
      await ai.run("@cf/lykon/dreamshaper-8-lcm", { prompt: "a fox", width: 256, height: 256 }),
    );
    const error = await ai.run(llama, { prompt: 1 }).catch((caught: Error) => caught);
    await settled();
    expect(recording.calls.map((call) => call.kind)).toEqual(["stream", "json", "stream", "error"]);
    const replay = createEmulator({ replay: JSON.parse(JSON.stringify(recording)), seed: 7 });
    expect(
      await bytes(
        await replay.run(kimi, { messages: [{ role: "user", content: "Hi" }], stream: true }),
      ),
    ).toEqual(streamed);
    expect(await replay.run(llama, { prompt: "Hello" })).toEqual(json);
    expect(
      await bytes(
        await replay.run("@cf/lykon/dreamshaper-8-lcm", {
          prompt: "a fox",
          width: 256,
          height: 256,
        }),
      ),
    ).toEqual(image);
    const replayedError = await replay.run(llama, { prompt: 1 }).catch((caught: Error) => caught);
    expect([replayedError.name, replayedError.message]).toEqual([error.name, error.message]);
  });
});

describe("async batch", () => {
  test("queued, running, then the responses with per-item errors", async () => {
    const ai = createEmulator();
    const model = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
    const queued = await ai.run(
      model,
      { requests: [{ prompt: "a", external_reference: "first" }, { prompt: 5 }] },
      { queueRequest: true },
    );
    expect(queued).toMatchObject({ status: "queued", model, request_id: expect.any(String) });
    expect(await ai.run(model, { request_id: queued.request_id })).toEqual({
      status: "queued",
      request_id: queued.request_id,
    });
    expect(await ai.run(model, { request_id: queued.request_id })).toEqual({
      status: "running",
      request_id: queued.request_id,
    });
    const done = await ai.run(model, { request_id: queued.request_id });
    const byId = Object.fromEntries(done.responses.map((item: { id: number }) => [item.id, item]));
    expect(byId[0]).toMatchObject({
      success: true,
      external_reference: "first",
      result: { response: expect.any(String) },
    });
    expect(byId[1]).toMatchObject({ success: false, errors: [{ code: 3010 }] });
    expect(done.usage.total_tokens).toBeGreaterThan(0);
  });
});
