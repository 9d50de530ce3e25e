// The client inside workerd with `env.AI` a service binding to the emulator's
// WorkerEntrypoint (JS RPC), as a wrangler environment swap makes it: typed `Service | Ai`.
import { env } from "cloudflare:workers";
import { tool } from "@wai/ai-models";
import * as v from "valibot";
import { expect, test } from "vitest";
import { createAi } from "../src/create-ai.js";
import { runTools } from "../src/tool-loop.js";

const binding = (env as unknown as { AI: Service | Ai }).AI;
const control = binding as unknown as {
  script(reply: unknown): Promise<void>;
  reset(): Promise<void>;
};
const ai = createAi(binding, { retry: { initialDelayMs: 1 } });

test("run answers JSON across RPC", async () => {
  const answer = await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "What is a haiku?" });
  expect(typeof answer.response).toBe("string");
});

test("a stream crosses RPC, decoded chunk by chunk", async () => {
  const stream = ai.stream("@cf/qwen/qwen3.8-27b", {
    messages: [{ role: "user", content: "Tell me about tea" }],
  });
  expect(await stream.text).toContain("tea");
  expect(await stream.finishReason).toBe("stop");
});

test("errors cross RPC typed, and 3040 is retried", async () => {
  await expect(ai.run("@cf/nobody/nothing", { prompt: "x" })).rejects.toMatchObject({
    kind: "upstream",
    code: 5007,
  });
  await control.script({ error: { code: 3040 } });
  const answer = await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "x" });
  expect(typeof answer.response).toBe("string");
});

test("the tool loop over RPC", async () => {
  const weather = tool({
    name: "get_weather",
    description: "The current weather in a city",
    parameters: v.object({ city: v.string() }),
    execute: ({ city }) => ({ city, celsius: 19 }),
  });
  const result = await runTools(
    ai,
    "@cf/meta/llama-4-scout-17b-16e-instruct",
    { messages: [{ role: "user", content: "What is the weather in Porto?" }] },
    { tools: [weather] },
  );
  expect(result.steps[0]?.toolResults[0]).toMatchObject({ name: "get_weather", executed: true });
});

test("an abort cancels the stream across RPC", async () => {
  await control.script({ text: "a b c d e f g", latency: { betweenChunksMs: 100 } });
  const controller = new AbortController();
  const stream = ai.stream(
    "@cf/meta/llama-3.1-8b-instruct",
    { prompt: "x" },
    { signal: controller.signal },
  );
  const reader = stream.getReader();
  await reader.read();
  controller.abort();
  await expect(reader.read()).rejects.toMatchObject({ kind: "aborted" });
});
