import { execFile } from "node:child_process";
import { collectChatStream, decodeChatStream } from "@wai/ai-models";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type EmulatorServer, startServer } from "../src/node.js";

// biome-ignore lint/suspicious/noExplicitAny: the answers are checked by the assertions.
const jsonOf = async (response: Response): Promise<any> => response.json();

let server: EmulatorServer;
const token = "test-token";
const account = "acc123";
let openai: OpenAI;
const weather = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Get the current weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

beforeAll(async () => {
  server = await startServer({ token });
  openai = new OpenAI({ apiKey: token, baseURL: server.openaiBaseUrl(account), maxRetries: 0 });
});
afterAll(() => server.close());

const run = (model: string, body: unknown, query = "", headers: Record<string, string> = {}) =>
  fetch(`${server.url}/client/v4/accounts/${account}/ai/run/${model}${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("the native REST API", () => {
  test("JSON answers in the envelope", async () => {
    const response = await run("@cf/meta/llama-3.1-8b-instruct", { prompt: "Hello" });
    expect(response.status).toBe(200);
    const body = await jsonOf(response);
    expect(body).toMatchObject({
      success: true,
      errors: [],
      messages: [],
      result: { response: expect.any(String) },
    });
  });

  test("streams and files are not wrapped", async () => {
    const stream = await run("@cf/meta/llama-3.1-8b-instruct", { prompt: "Hello", stream: true });
    expect(stream.headers.get("content-type")).toBe("text/event-stream");
    expect((await collectChatStream(decodeChatStream(stream))).finishReason).toBe("stop");
    const image = await run("@cf/bytedance/stable-diffusion-xl-lightning", {
      prompt: "a fox",
      width: 256,
      height: 256,
    });
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await image.arrayBuffer())[1]).toBe(0x50);
  });

  test("async batch over REST: queued, running, responses", async () => {
    const model = "@cf/baai/bge-small-en-v1.5";
    const queued = await jsonOf(
      await run(
        model,
        { requests: [{ text: "a" }, { text: "b", external_reference: "b" }] },
        "?queueRequest=true",
      ),
    );
    expect(queued.result).toMatchObject({ status: "queued", model });
    const poll = async () =>
      (
        await jsonOf(
          await run(model, { request_id: queued.result.request_id }, "?queueRequest=true"),
        )
      ).result;
    expect((await poll()).status).toBe("queued");
    expect((await poll()).status).toBe("running");
    const done = await poll();
    expect(done.responses).toHaveLength(2);
    expect(done.responses.find((item: { id: number }) => item.id === 1)).toMatchObject({
      success: true,
      external_reference: "b",
      result: { shape: [1, 384] },
    });
  });

  test("models/search, and the AI Gateway form", async () => {
    const list = await jsonOf(
      await fetch(`${server.url}/client/v4/accounts/${account}/ai/models/search?task=Translation`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(list.result.map((model: { name: string }) => model.name)).toContain(
      "@cf/meta/m2m100-1.2b",
    );
    const viaGateway = await fetch(
      `${server.url}/v1/${account}/my-gateway/workers-ai/@cf/meta/llama-3.1-8b-instruct`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ prompt: "Hi" }),
      },
    );
    expect(viaGateway.headers.get("cf-aig-log-id")).toBeTruthy();
    expect((await jsonOf(viaGateway)).success).toBe(true);
  });

  test.each([
    [
      "a missing token",
      () =>
        fetch(`${server.url}/client/v4/accounts/${account}/ai/run/@cf/meta/llama-3.1-8b-instruct`, {
          method: "POST",
          body: "{}",
        }),
      401,
      10000,
    ],
    [
      "a wrong token",
      () =>
        run("@cf/meta/llama-3.1-8b-instruct", { prompt: "x" }, "", {
          authorization: "Bearer nope",
        }),
      401,
      10000,
    ],
    [
      "an unknown route",
      () =>
        fetch(`${server.url}/client/v4/nothing`, { headers: { authorization: `Bearer ${token}` } }),
      400,
      7000,
    ],
    ["an unknown model", () => run("@cf/nobody/nothing", { prompt: "x" }), 400, 7000],
    ["malformed JSON", () => run("@cf/meta/llama-3.1-8b-instruct", "{nope"), 400, 6007],
    [
      "input that fails the schema",
      () => run("@cf/meta/llama-3.1-8b-instruct", { prompt: 1 }),
      400,
      5006,
    ],
    [
      "an oversized request",
      () => run("@cf/meta/llama-3.1-8b-instruct", { prompt: "x".repeat(10_000_001) }),
      413,
      3006,
    ],
  ])("%s gets the real error envelope", async (_name, call, status, code) => {
    const response = await call();
    expect(response.status).toBe(status);
    const body = await jsonOf(response);
    expect(body).toMatchObject({
      success: false,
      result: null,
      messages: [],
      errors: [{ code, message: expect.any(String) }],
    });
  });
});

describe("the official openai client", () => {
  test("chat, not streamed", async () => {
    const completion = await openai.chat.completions.create({
      model: "@cf/meta/llama-3.1-8b-instruct",
      messages: [{ role: "user", content: "What are volcanoes?" }],
    });
    expect(completion.choices[0]?.message.content).toMatch(/volcanoes/);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  test("chat, streamed", async () => {
    const stream = await openai.chat.completions.create({
      model: "@cf/moonshotai/kimi-k2.6",
      messages: [{ role: "user", content: "What are volcanoes?" }],
      stream: true,
    });
    let text = "";
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toMatch(/volcanoes/);
    expect(finish).toBe("stop");
  });

  test("tools, whole and streamed", async () => {
    const messages = [{ role: "user" as const, content: "What is the weather in Porto?" }];
    const whole = await openai.chat.completions.create({
      model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      messages,
      tools: [weather],
    });
    const call = whole.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({
      city: "Porto",
    });
    const stream = openai.chat.completions.stream({
      model: "@cf/zai-org/glm-5.3",
      messages,
      tools: [weather],
    });
    const final = await stream.finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls?.[0];
    expect(streamed?.type === "function" && JSON.parse(streamed.function.arguments)).toEqual({
      city: "Porto",
    });
  });

  test("embeddings (base64 by default, and floats)", async () => {
    const result = await openai.embeddings.create({
      model: "@cf/baai/bge-base-en-v1.5",
      input: ["cats", "dogs"],
    });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(768);
    const floats = await openai.embeddings.create({
      model: "@cf/baai/bge-base-en-v1.5",
      input: "cats",
      encoding_format: "float",
    });
    expect(floats.data[0]?.embedding[0]).toBeCloseTo(result.data[0]?.embedding[0] as number, 5);
  });

  test("responses (gpt-oss)", async () => {
    const response = await openai.responses.create({
      model: "@cf/openai/gpt-oss-120b",
      input: "What are volcanoes?",
    });
    expect(response.output_text).toMatch(/volcanoes/);
  });
});

test("the wai-emulator CLI prints its base URL", async () => {
  const url = await new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, [
      new URL("../dist/cli.js", import.meta.url).pathname,
      "--port",
      "0",
    ]);
    child.stdout?.once("data", (data: Buffer) => {
      resolve(String(data).trim());
      child.kill();
    });
    child.once("error", reject);
  });
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
}, 20_000);
