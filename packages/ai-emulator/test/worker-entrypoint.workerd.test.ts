import { env } from "cloudflare:workers";
import { collectChatStream, decodeChatStream } from "@wai/ai-models";
import { expect, test } from "vitest";

// `env.AI` is a service binding to the emulator's WorkerEntrypoint (see vitest.config.ts).
const ai = (
  env as unknown as { AI: Ai & { script(reply: unknown): Promise<void>; reset(): Promise<void> } }
).AI;

test("run answers JSON across RPC", async () => {
  const answer = await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "What is a haiku?" });
  expect(typeof (answer as { response: string }).response).toBe("string");
});

test("a stream crosses the RPC boundary chunk by chunk", async () => {
  const stream = (await ai.run("@cf/qwen/qwen3.8-27b", {
    messages: [{ role: "user", content: "Tell me about tea" }],
    stream: true,
  })) as ReadableStream<Uint8Array>;
  const chunks: Uint8Array[] = [];
  const [left, right] = stream.tee();
  for await (const chunk of left as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  expect(chunks.length).toBeGreaterThan(5);
  const output = await collectChatStream(decodeChatStream(right));
  expect(output.text).toContain("tea");
  expect(output.finishReason).toBe("stop");
});

test("errors cross RPC with the binding's message", async () => {
  let error: unknown;
  try {
    await ai.run("@cf/nobody/nothing" as never, { prompt: "x" });
  } catch (caught) {
    error = caught;
  }
  expect((error as Error).message).toMatch(/^5007: No such model/);
});

test("models() lists the catalog", async () => {
  const list = await ai.models({ task: "Text Embeddings" });
  expect(list.length).toBeGreaterThan(5);
  expect(list.every((model) => model.task.name === "Text Embeddings")).toBe(true);
});

test("scripts set through RPC apply to the next call", async () => {
  await ai.script({ text: "Scripted hello" });
  const answer = await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "Hi" });
  expect((answer as { response: string }).response).toBe("Scripted hello");
});
