// The client over REST against the emulator's server on loopback: the envelope, streams,
// options as query parameters, AI Gateway, errors, and the token kept out of errors.
import { type EmulatorServer, startServer } from "@wai/ai-emulator/node";
import { tool } from "@wai/ai-models";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AiClientError } from "../src/ai-client-error.js";
import { batch } from "../src/batch.js";
import { createAi } from "../src/create-ai.js";
import { restBinding } from "../src/rest-binding.js";
import { runTools } from "../src/tool-loop.js";

const token = "s3cret-t0ken-value";
const llama = "@cf/meta/llama-3.1-8b-instruct";
let server: EmulatorServer;

beforeAll(async () => {
  server = await startServer({ token });
});
afterAll(() => server.close());

const client = (options: { apiToken?: string; gateway?: { id: string; cacheTtl?: number } } = {}) =>
  createAi(
    restBinding({
      accountId: "acc",
      apiToken: options.apiToken ?? token,
      baseUrl: `${server.url}/client/v4`,
      gatewayBaseUrl: `${server.url}/v1`,
      gateway: options.gateway,
    }),
    { retry: { initialDelayMs: 1 } },
  );

describe("REST", () => {
  test("JSON answers come out of the envelope", async () => {
    const answer = await client().run(llama, { prompt: "Hello" });
    expect(typeof answer.response).toBe("string");
    const embedding = await client().run("@cf/baai/bge-small-en-v1.5", { text: "a" });
    expect("shape" in embedding && embedding.shape).toEqual([1, 384]);
  });

  test("streams are unwrapped and decoded, tool calls included", async () => {
    const weather = tool({
      name: "get_weather",
      description: "The current weather in a city",
      parameters: v.object({ city: v.string() }),
      execute: ({ city }) => ({ city, celsius: 19 }),
    });
    const stream = client().stream("@cf/qwen/qwen3.8-27b", {
      messages: [{ role: "user", content: "Tell me about tea" }],
    });
    expect(await stream.text).toContain("tea");
    const result = await runTools(
      client(),
      "@cf/openai/gpt-oss-20b",
      { messages: [{ role: "user", content: "What is the weather in Porto?" }] },
      { tools: [weather] },
    );
    expect(result.text).toMatch(/According to get_weather/);
  });

  test("binary answers are bytes", async () => {
    const png = await client().run("@cf/stabilityai/stable-diffusion-xl-base-1.0", {
      prompt: "a cat",
    });
    expect([png[0], png[1]]).toEqual([0x89, 0x50]);
  });

  test("options travel as query parameters: a batch is queued and polled", async () => {
    const results = await batch(
      client(),
      "@cf/baai/bge-small-en-v1.5",
      [{ text: "one" }, { text: "two" }],
      { pollIntervalMs: 5 },
    );
    expect(results.map((r) => r.success)).toEqual([true, true]);
    expect(server.emulator.calls.some((call) => call.options.queueRequest === true)).toBe(true);
  });

  test("through AI Gateway, with cf-aig-* headers", async () => {
    const ai = client({ gateway: { id: "my-gateway", cacheTtl: 60 } });
    const answer = await ai.run(llama, { prompt: "Hello" });
    expect(typeof answer.response).toBe("string");
  });

  test("errors carry the envelope's code and the HTTP status, never the token", async () => {
    const unknown = await client()
      .run("@cf/nobody/nothing", { prompt: "x" })
      .catch((e: unknown) => e);
    expect(AiClientError.isInstance(unknown)).toBe(true);
    expect(unknown).toMatchObject({ kind: "upstream", status: 400 });
    expect([5007, 7000]).toContain((unknown as AiClientError).code);

    const invalid = await client()
      .run(llama, { prompt: 42 as unknown as string })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ kind: "upstream", code: 5006, status: 400, retryable: false });

    const wrongToken = "wr0ng-t0ken-value";
    const unauthorized = await client({ apiToken: wrongToken })
      .run(llama, { prompt: "x" })
      .catch((e: unknown) => e);
    expect(unauthorized).toMatchObject({ kind: "upstream", code: 10000, status: 401 });
    for (const error of [unknown, invalid, unauthorized]) {
      const seen = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack} ${String((error as Error).cause)}`;
      expect(seen).not.toContain(token);
      expect(seen).not.toContain(wrongToken);
    }
  });

  test("3040 is retried, then succeeds", async () => {
    server.emulator.busy(1);
    const answer = await client().run(llama, { prompt: "x" });
    expect(typeof answer.response).toBe("string");
  });
});
