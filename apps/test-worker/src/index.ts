/**
 * The wai test Worker: every package used the way a user uses it, behind one small router.
 * `env.AI` is the real Workers AI binding when deployed, and the local emulator's
 * entrypoint under `--env local` (wrangler dev, tests). The routes are listed in the
 * README; every error is `application/problem+json`.
 *
 * @module
 */
import { type AiClient, batch, createAi, runTools, streamTools, structured } from "@wai/ai-client";
import { ChatMessage, type ChatStreamEvent } from "@wai/ai-models";
import { type TypedReadableStream, toSSEResponse } from "@wai/typed-stream";
import * as v from "valibot";
import { documents } from "./documents.js";
import { maxUploadBytes, readBytes, readJson } from "./http.js";
import { HttpProblem, problemOf, problemResponse } from "./problems.js";
import { chatTools } from "./tools.js";

/** The models of each route. */
export const models = {
  chat: "@cf/meta/llama-4-scout-17b-16e-instruct",
  embeddings: "@cf/baai/bge-base-en-v1.5",
  image: "@cf/stabilityai/stable-diffusion-xl-base-1.0",
  transcription: "@cf/openai/whisper",
  speech: "@cf/myshell-ai/melotts",
  translation: "@cf/meta/m2m100-1.2b",
  summary: "@cf/facebook/bart-large-cnn",
  classification: "@cf/huggingface/distilbert-sst-2-int8",
  detection: "@cf/facebook/detr-resnet-50",
  batch: "@cf/baai/bge-small-en-v1.5",
} as const;

const message = v.object({
  role: v.picklist(["system", "user", "assistant"]),
  content: v.pipe(v.string(), v.maxLength(32_000)),
});
const chatRequest = v.object({
  model: v.optional(v.pipe(v.string(), v.regex(/^@(cf|hf)\//)), models.chat),
  messages: v.pipe(v.array(message), v.minLength(1), v.maxLength(100)),
  tools: v.optional(v.boolean(), true),
  maxSteps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(8)), 4),
});
const text = (max = 20_000) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));

/** The events the chat page reads: the chat events, tool results and step marks, as JSON. */
export type PageEvent =
  | { type: "text-delta" | "reasoning-delta"; text: string }
  | { type: "tool-call"; id: string; name: string; arguments: unknown; error?: string }
  | { type: "tool-result"; id: string; name: string; executed: boolean; result: unknown }
  | { type: "step-start"; step: number }
  | { type: "usage"; promptTokens?: number; completionTokens?: number; totalTokens?: number }
  | { type: "finish"; reason: string };

type Handler = (request: Request, ai: AiClient, env: Env) => Promise<Response>;

const json = (value: unknown) => Response.json(value);

/** The chat, streamed as server-sent events, with the tools run inside the Worker. */
const chat: Handler = async (request, ai) => {
  const body = await readJson(request, chatRequest);
  const messages = ChatMessage.list(...body.messages);
  const events = body.tools
    ? streamTools(
        ai,
        body.model,
        { messages },
        {
          tools: chatTools,
          maxSteps: body.maxSteps,
          signal: request.signal,
        },
      )
    : ai.stream(body.model, { messages }, { signal: request.signal });
  const page = (events as TypedReadableStream<ChatStreamEvent | { type: string }>)
    .map((event) => toPageEvent(event as never))
    .filter((event): event is PageEvent => event !== undefined);
  return toSSEResponse(page);
};

/** The event of the page for a chat or tool-loop event; `undefined` for those it does not show. */
export function toPageEvent(
  event:
    | ChatStreamEvent
    | { type: "step-start"; step: number }
    | { type: "step-finish" }
    | {
        type: "tool-result";
        call: { id: string };
        name: string;
        executed: boolean;
        result?: unknown;
        content: string;
      },
): PageEvent | undefined {
  switch (event.type) {
    case "text-delta":
    case "reasoning-delta":
      return { type: event.type, text: event.text };
    case "tool-call":
      return {
        type: "tool-call",
        id: event.id,
        name: event.name,
        arguments: event.arguments ?? event.rawArguments,
        ...(event.argumentsError ? { error: event.argumentsError.message } : {}),
      };
    case "tool-result":
      return {
        type: "tool-result",
        // The id of the model's call, as its tool-call event has it.
        id: event.call.id,
        name: event.name,
        executed: event.executed,
        result: event.executed ? event.result : event.content,
      };
    case "step-start":
      return { type: "step-start", step: event.step };
    case "usage":
      return {
        type: "usage",
        ...(event.promptTokens === undefined ? {} : { promptTokens: event.promptTokens }),
        ...(event.completionTokens === undefined
          ? {}
          : { completionTokens: event.completionTokens }),
        ...(event.totalTokens === undefined ? {} : { totalTokens: event.totalTokens }),
      };
    case "finish":
      return { type: "finish", reason: event.reason };
    default:
      return undefined;
  }
}

const routes: Record<string, Record<string, Handler>> = {
  "/api/models": {
    GET: async (request, _ai, env) => {
      const task = new URL(request.url).searchParams.get("task");
      const found = await (env.AI as Ai).models(task === "chat" ? { task: "Text Generation" } : {});
      return json({
        models: found.map((model) => ({
          id: model.name,
          task: model.task?.name,
          tools: model.properties?.some((p) => p.property_id === "function_calling") ?? false,
        })),
      });
    },
  },
  "/api/chat": { POST: chat },
  "/api/chat/complete": {
    POST: async (request, ai) => {
      const body = await readJson(request, chatRequest);
      const messages = ChatMessage.list(...body.messages);
      const result = await runTools(
        ai,
        body.model,
        { messages },
        {
          tools: body.tools ? chatTools : [],
          maxSteps: body.maxSteps,
          signal: request.signal,
        },
      );
      return json({
        text: result.text,
        reasoning: result.reasoning,
        finishReason: result.finishReason,
        usage: result.usage && {
          promptTokens: result.usage.promptTokens,
          completionTokens: result.usage.completionTokens,
          totalTokens: result.usage.totalTokens,
        },
        steps: result.steps.length,
        toolResults: result.steps.flatMap((step) =>
          step.toolResults.map(({ name, executed, result: value }) => ({
            name,
            executed,
            result: value,
          })),
        ),
      });
    },
  },
  "/api/structured": {
    POST: async (request, ai) => {
      const { text: description } = await readJson(request, v.object({ text: text(4_000) }));
      const city = await structured(
        ai,
        models.chat,
        {
          messages: [
            { role: "system", content: "Answer with the city the user describes, as JSON." },
            { role: "user", content: description },
          ],
        },
        {
          schema: v.object({
            name: v.string(),
            country: v.string(),
            population: v.optional(v.number()),
          }),
          signal: request.signal,
        },
      );
      return json(city);
    },
  },
  "/api/embeddings/search": {
    POST: async (request, ai) => {
      const { query, top } = await readJson(
        request,
        v.object({
          query: text(2_000),
          top: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(8)), 3),
        }),
      );
      const { data } = (await ai.run(
        models.embeddings,
        {
          text: [query, ...documents.map((document) => document.text)],
        },
        { signal: request.signal },
      )) as { data: number[][] };
      const [queryVector, ...vectors] = data as [number[], ...number[][]];
      const results = documents
        .map((document, index) => ({
          id: document.id,
          text: document.text,
          score: cosine(queryVector, vectors[index] as number[]),
        }))
        .sort((a, b) => b.score - a.score)
        .slice(0, top);
      return json({ query, results });
    },
  },
  "/api/images": {
    POST: async (request, ai) => {
      const body = await readJson(
        request,
        v.object({
          prompt: text(2_000),
          width: v.optional(
            v.pipe(v.number(), v.integer(), v.minValue(256), v.maxValue(2048)),
            512,
          ),
          height: v.optional(
            v.pipe(v.number(), v.integer(), v.minValue(256), v.maxValue(2048)),
            512,
          ),
        }),
      );
      const image = (await ai.run(models.image, body, { signal: request.signal })) as Uint8Array;
      return new Response(image, { headers: { "content-type": "image/png" } });
    },
  },
  "/api/transcribe": {
    POST: async (request, ai) => {
      const audio = await readBytes(request, maxUploadBytes);
      if (audio.byteLength === 0)
        throw new HttpProblem(400, "Invalid request", "No audio in the body");
      return json(
        await ai.run(models.transcription, { audio: [...audio] }, { signal: request.signal }),
      );
    },
  },
  "/api/speech": {
    POST: async (request, ai) => {
      const { text: prompt } = await readJson(request, v.object({ text: text(2_000) }));
      const audio = (await ai.run(
        models.speech,
        { prompt },
        { signal: request.signal },
      )) as Uint8Array;
      return new Response(audio, { headers: { "content-type": "audio/mpeg" } });
    },
  },
  "/api/translate": {
    POST: async (request, ai) => {
      const { source_lang, ...body } = await readJson(
        request,
        v.object({
          text: text(),
          target_lang: v.pipe(v.string(), v.minLength(2), v.maxLength(20)),
          source_lang: v.optional(v.pipe(v.string(), v.minLength(2), v.maxLength(20))),
        }),
      );
      const input = source_lang === undefined ? body : { ...body, source_lang };
      return json(await ai.run(models.translation, input, { signal: request.signal }));
    },
  },
  "/api/summarize": {
    POST: async (request, ai) => {
      const { text: input_text } = await readJson(request, v.object({ text: text(50_000) }));
      return json(await ai.run(models.summary, { input_text }, { signal: request.signal }));
    },
  },
  "/api/classify": {
    POST: async (request, ai) => {
      const body = await readJson(request, v.object({ text: text() }));
      return json({
        labels: await ai.run(models.classification, body, { signal: request.signal }),
      });
    },
  },
  "/api/detect": {
    POST: async (request, ai) => {
      const image = await readBytes(request, maxUploadBytes);
      if (image.byteLength === 0)
        throw new HttpProblem(400, "Invalid request", "No image in the body");
      return json({
        objects: await ai.run(models.detection, { image: [...image] }, { signal: request.signal }),
      });
    },
  },
  "/api/batch": {
    POST: async (request, ai) => {
      const { texts } = await readJson(
        request,
        v.object({ texts: v.pipe(v.array(text(2_000)), v.minLength(1), v.maxLength(50)) }),
      );
      const results = await batch(
        ai,
        models.batch,
        texts.map((one) => ({ text: one })),
        { pollIntervalMs: 50, signal: request.signal },
      );
      return json({
        results: results.map((result, index) =>
          result.success
            ? { index, success: true, dimensions: (result.value as { shape?: number[] }).shape }
            : { index, success: false, problem: problemOf(result.error) },
        ),
      });
    },
  },
};

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return dot / (Math.sqrt(normA * normB) || 1);
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    const route = routes[pathname];
    if (!route) {
      if (pathname.startsWith("/api/"))
        return problemResponse(new HttpProblem(404, "Not found", `No route ${pathname}`));
      return env.ASSETS.fetch(request);
    }
    const handler = route[request.method];
    if (!handler) {
      const allowed = Object.keys(route).join(", ");
      const response = problemResponse(
        new HttpProblem(405, "Method not allowed", `${request.method} ${pathname}: use ${allowed}`),
      );
      response.headers.set("allow", allowed);
      return response;
    }
    try {
      return await handler(request, createAi(env.AI), env);
    } catch (error) {
      return problemResponse(error);
    }
  },
} satisfies ExportedHandler<Env>;
