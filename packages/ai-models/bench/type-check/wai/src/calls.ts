/**
 * Type-check cost benchmark, wai side: ten `run` calls typed by `AiModelCatalog`, as a
 * client of the package sees it: its declarations, emitted from src/ by the script into
 * `../.declarations/`, which the tsconfig maps `@wai/ai-models` to. Checked by
 * `scripts/type-check-cost.mjs`; the calls below the marker are the same text as in
 * `../../workers-types/.src/calls.ts`.
 */
import type { AiModelCatalog, AiModelId } from "@wai/ai-models";

/** A `run` typed by the catalog: input and output by model id. */
declare function run<Id extends AiModelId>(
  id: Id,
  input: AiModelCatalog[Id]["input"],
): Promise<AiModelCatalog[Id]["output"]>;

interface Env {
  readonly AI: { readonly run: typeof run };
}

// ---- calls (identical in wai/.src/calls.ts and workers-types/.src/calls.ts; the script checks) ----

/** Ten Workers AI calls by id, one field read from each output. */
export async function handle(env: Env, audio: number[], article: string): Promise<unknown[]> {
  const scout = await env.AI.run("@cf/meta/llama-4-scout-17b-16e-instruct", {
    messages: [
      { role: "system", content: "You are a concise assistant." },
      { role: "user", content: "Name three Cloudflare products." },
    ],
    max_tokens: 256,
    temperature: 0.2,
  });

  const gptOss = await env.AI.run("@cf/openai/gpt-oss-120b", {
    instructions: "Answer in one sentence.",
    input: "What is a Durable Object?",
    reasoning: { effort: "low" },
  });

  const llama70b = await env.AI.run("@cf/meta/llama-3.3-70b-instruct-fp8-fast", {
    messages: [{ role: "user", content: "Write a haiku about the edge." }],
    max_tokens: 128,
  });

  const mistral = await env.AI.run("@cf/mistralai/mistral-small-3.1-24b-instruct", {
    messages: [
      { role: "system", content: "Reply in French." },
      { role: "user", content: "Good morning!" },
    ],
  });

  const llama8b = await env.AI.run("@cf/meta/llama-3.1-8b-instruct-fp8", {
    prompt: "Complete: the quick brown fox",
    max_tokens: 64,
  });

  const embeddings = await env.AI.run("@cf/baai/bge-base-en-v1.5", {
    text: ["first document", "second document"],
  });

  const transcript = await env.AI.run("@cf/openai/whisper", { audio });

  const image = await env.AI.run("@cf/black-forest-labs/flux-1-schnell", {
    prompt: "A lighthouse at dawn, watercolor",
    steps: 4,
  });

  const translation = await env.AI.run("@cf/meta/m2m100-1.2b", {
    text: "Hello, world",
    source_lang: "en",
    target_lang: "fr",
  });

  const summary = await env.AI.run("@cf/facebook/bart-large-cnn", {
    input_text: article,
    max_length: 128,
  });

  return [
    typeof scout === "object" && "response" in scout ? scout.response : undefined,
    typeof gptOss === "object" && "output_text" in gptOss ? gptOss.output_text : undefined,
    typeof llama70b === "object" && "response" in llama70b ? llama70b.response : undefined,
    typeof mistral === "object" && "response" in mistral ? mistral.response : undefined,
    typeof llama8b === "object" && "response" in llama8b ? llama8b.response : undefined,
    typeof embeddings === "object" && "data" in embeddings ? embeddings.data : undefined,
    typeof transcript === "object" && "text" in transcript ? transcript.text : undefined,
    typeof image === "object" && "image" in image ? image.image : undefined,
    typeof translation === "object" && "translated_text" in translation
      ? translation.translated_text
      : undefined,
    typeof summary === "object" && "summary" in summary ? summary.summary : undefined,
  ];
}
