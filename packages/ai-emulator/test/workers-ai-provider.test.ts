import { generateText, stepCountIs, streamText, tool } from "ai";
import { describe, expect, test } from "vitest";
import { createWorkersAI } from "workers-ai-provider";
import { z } from "zod";
import { createEmulator } from "../src/index.js";

// Cloudflare's AI SDK provider, unchanged, against the emulator object: models of both
// wire formats (native and OpenAI chat.completion).
const models = ["@cf/meta/llama-3.3-70b-instruct-fp8-fast", "@cf/moonshotai/kimi-k2.6"] as const;

const weather = tool({
  description: "Get the current weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, celsius: 19 }),
});

describe.each(models)("workers-ai-provider with %s", (model) => {
  const workersai = createWorkersAI({ binding: createEmulator() as never });

  test("generateText", async () => {
    const result = await generateText({
      model: workersai(model as never),
      prompt: "What are volcanoes?",
    });
    expect(result.text).toMatch(/volcanoes/);
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    expect(result.finishReason).toBe("stop");
  });

  test("streamText", async () => {
    const result = streamText({ model: workersai(model as never), prompt: "What are glaciers?" });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toMatch(/glaciers/);
    expect(await result.finishReason).toBe("stop");
  });

  test("a tool that runs, then an answer that uses its result", async () => {
    const result = await generateText({
      model: workersai(model as never),
      prompt: "What is the weather in Porto?",
      tools: { get_weather: weather },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps[0]?.toolCalls[0]?.input).toEqual({ city: "Porto" });
    expect(result.text).toMatch(/19/);
  });

  test("a streamed tool call", async () => {
    const result = streamText({
      model: workersai(model as never),
      prompt: "What is the weather in Porto?",
      tools: { get_weather: weather },
      stopWhen: stepCountIs(3),
    });
    expect(await result.text).toMatch(/19/);
    expect((await result.steps)[0]?.toolCalls[0]?.input).toEqual({ city: "Porto" });
  });
});
