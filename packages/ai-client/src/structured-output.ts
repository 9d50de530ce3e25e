// Structured output: a schema in, the model's answer parsed, validated and typed out.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import {
  type AiModelCatalog,
  type Model,
  type ModelInput,
  normalizeChatOutput,
  type StreamableModel,
  safeParseInput,
  tool,
} from "@wai/ai-models";
import { AiClientError } from "./ai-client-error.js";
import { callScope, toClientError } from "./call.js";
import { coreOf, prepare } from "./core.js";
import type { AiClient } from "./create-ai.js";
import type { CallOptions, StreamableModelId, UnknownModelId } from "./types.js";

/** The options of {@link structured}. */
export interface StructuredOptions<Schema extends StandardSchemaV1> extends CallOptions {
  /**
   * The answer's schema: a valibot object schema, or any Standard Schema that implements
   * Standard JSON Schema. Its JSON Schema is sent as the model's `response_format`, and it
   * checks and types the answer.
   */
  schema: Schema;
  /**
   * The schema's name, for the models that take one (OpenAI-compatible models).
   *
   * @defaultValue "response"
   */
  name?: string | undefined;
}

/**
 * The model families that take OpenAI's `response_format` (`{ type: "json_schema",
 * json_schema: { name, schema } }`), by id; the others take the schema itself as
 * `json_schema` (docs/wire-formats.md, "Two chunk formats" lists the families). Some
 * models' schemas accept both forms, so the id decides, and the schema confirms.
 */
const openAIFormat = /gpt-oss|kimi-k2|glm-(?:4\.7|5)|nemotron-3|gemma-4|qwen3|deepseek-v4/i;

/** A JSON answer inside a Markdown code fence, as some models write it anyway. */
const fenced = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?```\s*$/;

/**
 * Asks for an answer that fits a schema: its JSON Schema is sent as the model's
 * `response_format` (in the form the model takes; in the instructions for a model
 * without one), and the answer is parsed, validated and typed.
 *
 * @param ai - A client made by {@link createAi}.
 * @param model - A model value or id, as for `ai.stream`.
 * @param input - The chat input.
 * @param options - The schema, and the call's options.
 * @throws {@link AiClientError} (rejects) `"invalid-output"` with the raw `text` when the
 *   answer does not fit, and for every other failure.
 *
 * @example
 * ```ts
 * import { createAi, structured } from "@wai/ai-client";
 * import * as v from "valibot";
 *
 * export async function city(env: { AI: Ai }): Promise<string> {
 *   const answer = await structured(
 *     createAi(env.AI),
 *     "@cf/meta/llama-4-scout-17b-16e-instruct",
 *     { messages: [{ role: "user", content: "A city by the Douro" }] },
 *     { schema: v.object({ name: v.string(), country: v.string() }) },
 *   );
 *   return `${answer.name}, ${answer.country}`;
 * }
 * ```
 */
export function structured<M extends StreamableModel, Schema extends StandardSchemaV1>(
  ai: AiClient,
  model: M,
  input: ModelInput<M>,
  options: StructuredOptions<Schema>,
): Promise<StandardSchemaV1.InferOutput<Schema>>;
export function structured<Id extends StreamableModelId, Schema extends StandardSchemaV1>(
  ai: AiClient,
  model: Id,
  input: AiModelCatalog[Id]["input"],
  options: StructuredOptions<Schema>,
): Promise<StandardSchemaV1.InferOutput<Schema>>;
export function structured<Id extends string, Schema extends StandardSchemaV1>(
  ai: AiClient,
  model: UnknownModelId<Id>,
  input: Record<string, unknown>,
  options: StructuredOptions<Schema>,
): Promise<StandardSchemaV1.InferOutput<Schema>>;
export async function structured<Schema extends StandardSchemaV1>(
  ai: AiClient,
  model: Model | string,
  given: unknown,
  structuredOptions: StructuredOptions<Schema>,
): Promise<StandardSchemaV1.InferOutput<Schema>> {
  const core = coreOf(ai);
  const target = prepare(core, model, given);
  const input = given as Record<string, unknown>;
  const options = core.options(structuredOptions);
  const name = options.name ?? "response";
  let answer: ReturnType<typeof tool>;
  try {
    answer = tool({ name, description: name, parameters: options.schema });
  } catch (cause) {
    throw new AiClientError(
      `The schema cannot be sent to ${target.id}: ${(cause as Error).message}`,
      {
        kind: "invalid-input",
        model: target.id,
        cause,
      },
    );
  }
  const schema = answer.definition.function.parameters;
  const native = { type: "json_schema", json_schema: schema };
  const openAI = { type: "json_schema", json_schema: { name, schema } };
  const family = openAIFormat.test(target.id) ? openAI : native;
  let inputs: Record<string, unknown>;
  if (target.model) {
    // The model's own schema says whether it takes the form of its family, the other, or
    // none: then the schema goes in the instructions.
    const accepts = (format: unknown) =>
      safeParseInput(target.model as never, { ...input, response_format: format } as never).success;
    const format = [family, family === native ? openAI : native].find(accepts);
    inputs = format ? { ...input, response_format: format } : withInstructions(input, schema);
  } else {
    inputs = { ...input, response_format: family };
  }

  const scope = callScope(target.id, options);
  let text: string;
  try {
    text = normalizeChatOutput(await core.call(target, inputs, options, scope)).text;
  } catch (cause) {
    throw toClientError(cause, { model: target.id, binding: core.binding, signal: scope.signal });
  } finally {
    scope.done();
  }
  const json = fenced.exec(text)?.[1] ?? text;
  const parsed = answer.safeParseArguments(json);
  if (parsed.success) return parsed.value as StandardSchemaV1.InferOutput<Schema>;
  throw new AiClientError(
    `The answer of ${target.id} does not fit the schema: ${parsed.error.message.replace(/^Invalid arguments for tool \S+: /, "")}`,
    {
      kind: "invalid-output",
      model: target.id,
      text,
      issues: parsed.error.issues,
      cause: parsed.error,
    },
  );
}

/** The input with the schema asked for in a system message, for a model without JSON mode. */
function withInstructions(
  input: Record<string, unknown>,
  schema: unknown,
): Record<string, unknown> {
  const instruction = `Answer with JSON only, matching this JSON Schema: ${JSON.stringify(schema)}`;
  if (Array.isArray(input.messages)) {
    return { ...input, messages: [{ role: "system", content: instruction }, ...input.messages] };
  }
  if (typeof input.prompt === "string") {
    return { ...input, prompt: `${instruction}\n\n${input.prompt}` };
  }
  return input;
}
