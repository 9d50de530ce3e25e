// The Worker, inside workerd, as wrangler.jsonc's `local` environment runs it: `env.AI` is
// a service binding to the emulator's WorkerEntrypoint in its own Worker. Every route, the
// chat stream read event by event, a tool round trip, the error paths, and a client abort
// reaching the emulator.
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import handler, { type PageEvent } from "../src/index.js";

/** The emulator's scripting methods, over RPC. */
interface EmulatorControls {
  script(
    reply: Record<string, unknown>,
    options?: { model?: string; times?: number },
  ): Promise<void>;
  busy(count: number): Promise<void>;
  reset(): Promise<void>;
  calls(): Promise<{ model: string; status: number; cancelled: boolean }[]>;
}
const emulator = env.AI as unknown as EmulatorControls;

const worker = exports.default;
const url = (path: string) => `http://wai.test${path}`;
const post = (path: string, body: unknown, init: RequestInit = {}) =>
  worker.fetch(
    new Request(url(path), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
      ...init,
    }),
  );

/** The server-sent events of a response, parsed: `{ event, data }`. */
async function readEvents(response: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      return { event, data: data.join("\n") };
    })
    .filter(({ data }) => data !== "[DONE]")
    .map(({ event, data }) => ({ event, data: JSON.parse(data) as unknown }));
}

const problem = async (response: Response) => {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as {
    status: number;
    title: string;
    detail: string;
    code?: number;
  };
};

afterEach(async () => {
  await emulator.reset();
});

describe("the chat", () => {
  it("streams text, usage and the finish reason as server-sent events", async () => {
    const response = await post("/api/chat", {
      messages: [{ role: "user", content: "How do volcanoes form?" }],
      tools: false,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = (await readEvents(response)).map((e) => e.data as PageEvent);
    const text = events.flatMap((e) => (e.type === "text-delta" ? [e.text] : [])).join("");
    expect(text.length).toBeGreaterThan(20);
    expect(events.some((e) => e.type === "usage" && (e.totalTokens ?? 0) > 0)).toBe(true);
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
  });

  it("runs a tool inside the Worker and answers with its result", async () => {
    const response = await post("/api/chat", {
      messages: [{ role: "user", content: "What time is it in the Asia/Tokyo time zone?" }],
    });
    const events = (await readEvents(response)).map((e) => e.data as PageEvent);
    const call = events.find((e) => e.type === "tool-call");
    const result = events.find((e) => e.type === "tool-result");
    expect(call).toMatchObject({ type: "tool-call", name: "time_in" });
    expect(result).toMatchObject({ type: "tool-result", name: "time_in", executed: true });
    expect(events.filter((e) => e.type === "step-start").length).toBe(2);
    const answer = events.flatMap((e) => (e.type === "text-delta" ? [e.text] : [])).join("");
    expect(answer).toContain("time_in");
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
  });

  it("answers without streaming, with the tool steps", async () => {
    const response = await post("/api/chat/complete", {
      messages: [{ role: "user", content: "Look up the capital of the country Portugal" }],
    });
    const body = (await response.json()) as { text: string; steps: number; toolResults: unknown[] };
    expect(response.status).toBe(200);
    expect(body.steps).toBe(2);
    expect(body.toolResults).toEqual([
      expect.objectContaining({ name: "look_up_country", executed: true }),
    ]);
    expect(body.text.length).toBeGreaterThan(0);
  });

  it("ends the stream with an error event when the model fails midway", async () => {
    await emulator.script(
      { failAfterChunks: 2 },
      { model: "@cf/meta/llama-4-scout-17b-16e-instruct" },
    );
    const response = await post("/api/chat", {
      messages: [{ role: "user", content: "Tell me about tides" }],
      tools: false,
    });
    const events = await readEvents(response);
    const last = events.at(-1);
    expect(last?.event).toBe("error");
    expect(last?.data).toMatchObject({ name: expect.any(String), message: expect.any(String) });
  });

  it("reports a truncated stream as truncated, not as success", async () => {
    await emulator.script({ truncate: true }, { model: "@cf/meta/llama-4-scout-17b-16e-instruct" });
    const response = await post("/api/chat", {
      messages: [{ role: "user", content: "Tell me about tides" }],
      tools: false,
    });
    const events = (await readEvents(response)).map((e) => e.data as PageEvent);
    expect(events.at(-1)).toEqual({ type: "finish", reason: "truncated" });
  });

  it("passes a client's abort to the emulator", async () => {
    await emulator.script(
      { latency: { firstChunkMs: 0, betweenChunksMs: 200 } },
      { model: "@cf/meta/llama-4-scout-17b-16e-instruct" },
    );
    // The handler itself, in this isolate: the request's signal and the response's body are
    // the very objects a client's disconnect aborts and cancels.
    const controller = new AbortController();
    const request = new Request(url("/api/chat"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: "A long story" }], tools: false }),
      signal: controller.signal,
    });
    const response = await handler.fetch(request as Parameters<typeof handler.fetch>[0], env);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await reader.cancel().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await emulator.calls()).at(-1)).toMatchObject({
      model: "@cf/meta/llama-4-scout-17b-16e-instruct",
      cancelled: true,
    });
  });
});

describe("the other task families", () => {
  it("lists the chat models of the catalog", async () => {
    const response = await worker.fetch(url("/api/models?task=chat"));
    const { models } = (await response.json()) as { models: { id: string; tools: boolean }[] };
    expect(models.map((m) => m.id)).toContain("@cf/meta/llama-4-scout-17b-16e-instruct");
    expect(models.length).toBeGreaterThan(30);
  });

  it("structured output: a typed value", async () => {
    await emulator.script({ text: '{"name":"Porto","country":"Portugal","population":231800}' });
    const response = await post("/api/structured", { text: "A city by the Douro river" });
    expect(await response.json()).toEqual({
      name: "Porto",
      country: "Portugal",
      population: 231800,
    });
  });

  it("embeddings: a semantic search ranks the document that shares the query's words first", async () => {
    const response = await post("/api/embeddings/search", {
      query: "How do volcanoes erupt lava?",
    });
    const { results } = (await response.json()) as { results: { id: string; score: number }[] };
    expect(results[0]?.id).toBe("volcanoes");
    expect(results).toHaveLength(3);
  });

  it("images: a PNG of the requested size", async () => {
    const response = await post("/api/images", { prompt: "a lighthouse", width: 320, height: 256 });
    expect(response.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([320, 256]);
  });

  it("speech, then transcription of an uploaded file", async () => {
    const speech = await post("/api/speech", { text: "Hello from the edge" });
    expect(speech.headers.get("content-type")).toBe("audio/mpeg");
    const audio = new Uint8Array(await speech.arrayBuffer());
    expect(audio.byteLength).toBeGreaterThan(100);
    const transcript = await worker.fetch(
      new Request(url("/api/transcribe"), { method: "POST", body: audio }),
    );
    const body = (await transcript.json()) as { text: string };
    expect(typeof body.text).toBe("string");
    expect(body.text.length).toBeGreaterThan(0);
  });

  it("translation, summary, classification, detection and batch", async () => {
    const translated = await post("/api/translate", { text: "Good morning", target_lang: "fr" });
    expect(await translated.json()).toHaveProperty("translated_text");
    const summary = await post("/api/summarize", { text: "Tides rise and fall. ".repeat(30) });
    expect(await summary.json()).toHaveProperty("summary");
    const labels = await post("/api/classify", { text: "I love this" });
    expect((await labels.json()) as { labels: unknown[] }).toMatchObject({
      labels: expect.arrayContaining([expect.objectContaining({ label: expect.any(String) })]),
    });
    const image = new Uint8Array(
      await (await post("/api/images", { prompt: "a cat" })).arrayBuffer(),
    );
    const detected = await worker.fetch(
      new Request(url("/api/detect"), { method: "POST", body: image }),
    );
    expect((await detected.json()) as { objects: unknown[] }).toHaveProperty("objects");
    const batch = await post("/api/batch", { texts: ["one", "two", "three"] });
    const { results } = (await batch.json()) as { results: { index: number; success: boolean }[] };
    expect(results.map((r) => [r.index, r.success])).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
  });
});

describe("bad input gets a problem response", () => {
  it("malformed JSON, a missing field, an oversized body, an unknown model, a wrong method, an unknown route", async () => {
    expect(await problem(await post("/api/chat", "{not json"))).toMatchObject({
      status: 400,
      title: "Malformed JSON",
    });
    expect(
      await problem(await post("/api/chat", { model: "@cf/meta/llama-4-scout-17b-16e-instruct" })),
    ).toMatchObject({
      status: 400,
      title: "Invalid request",
      detail: expect.stringContaining("messages"),
    });
    expect(
      await problem(await post("/api/summarize", { text: "x".repeat(1_100_000) })),
    ).toMatchObject({
      status: 413,
    });
    const unknown = await problem(
      await post("/api/chat/complete", {
        model: "@cf/nobody/no-such-model",
        messages: [{ role: "user", content: "Hi" }],
        tools: false,
      }),
    );
    expect(unknown).toMatchObject({ code: 5007 });
    const wrongMethod = await worker.fetch(url("/api/chat"));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    expect(await problem(await worker.fetch(url("/api/nothing")))).toMatchObject({ status: 404 });
  });

  it("a busy model: 3040 as a problem, after the client's retries", async () => {
    await emulator.busy(20);
    const response = await post("/api/summarize", { text: "Busy day." });
    expect(await problem(response)).toMatchObject({ status: 429, code: 3040, retryable: true });
  });
});
