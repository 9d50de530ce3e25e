/**
 * The sealed model type of the catalog: every Workers AI model is a {@link Model} (or a
 * {@link StreamableModel}) made by the generated modules in `src/models/`, and only there.
 *
 * @module
 */
import type * as v from "valibot";
import type { ChatStreamEvent } from "./chat-stream/chat-stream-event.js";

/**
 * The brand that seals models: a registered symbol, so that every copy of this package
 * (two versions installed side by side, or one bundled twice) brands and recognizes the
 * same way. {@link defineModel} sets it as an own, non-enumerable property of a frozen
 * object: a copy (spread, `Object.assign`, `structuredClone`, JSON) does not carry it,
 * an object that inherits from a model does not own it, and nobody can add it to a
 * model's copy by accident. Not exported, so the {@link Model} type cannot be written
 * by hand; but being registered it is not secret (see {@link isModel}).
 */
const modelBrand: unique symbol = Symbol.for("@wai/ai-models/model");

/**
 * A valibot schema of a model's input or output, typed by the plain TypeScript type the
 * generator prints from the same JSON Schema (not by valibot's inference, which costs a
 * client's checker thousands of instantiations per model).
 */
export type ModelSchema<T = unknown> = v.GenericSchema<T, T>;

/** One line of a model's price list, as Cloudflare publishes it. */
export interface ModelPrice {
  /** What is counted, e.g. `"per M input tokens"`. */
  readonly unit: string;
  /** The price per unit. */
  readonly price: number;
  /** The currency, e.g. `"USD"`. */
  readonly currency: string;
}

/** What a model can do (flags), from its published properties and its input schema. */
export interface ModelCapabilities<Streaming extends boolean = boolean> {
  /** The input accepts `stream: true` and the output can be a server-sent-event stream. */
  readonly streaming: Streaming;
  /** The input accepts `tools` (or the model is published with function calling). */
  readonly tools: boolean;
  /** The model accepts async batch requests (`queueRequest`). */
  readonly asyncBatch: boolean;
  /** The model is published as beta. */
  readonly beta: boolean;
}

/** The definition a generated module hands to {@link defineModel}. */
export interface ModelDefinition<Id extends string, Streaming extends boolean> {
  /** The model id, e.g. `"@cf/meta/llama-4-scout-17b-16e-instruct"`. */
  readonly id: Id;
  /** The Workers AI task, e.g. `"Text Generation"`. */
  readonly task: string;
  /** Cloudflare's description of the model. */
  readonly description: string;
  /** What the model can do. */
  readonly capabilities: ModelCapabilities<Streaming>;
  /** The context window in tokens, when published. */
  readonly contextWindow?: number | undefined;
  /** The published price list, when given. */
  readonly price?: readonly ModelPrice[] | undefined;
  /** The schema of the input (`env.AI.run(id, input)`). */
  readonly input: v.GenericSchema;
  /** The schema of the output. */
  readonly output: v.GenericSchema;
  /** Why the schemas are incomplete, when they are (no schema published). */
  readonly partial?: string | undefined;
}

/**
 * A Workers AI model of the catalog: id, task, capabilities, and valibot schemas of its
 * input and output. Sealed: only the catalog makes models (the type cannot be written
 * by hand, and {@link isModel} tells a model from a copy or a look-alike at run time).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { llama4Scout17b16eInstruct as model } from "@wai/ai-models";
 *
 * const input = v.parse(model.input, { prompt: "hello" });
 * ```
 */
export interface Model<Id extends string = string, Input = unknown, Output = unknown>
  extends Omit<ModelDefinition<Id, boolean>, "input" | "output"> {
  /** The seal. */
  readonly [modelBrand]: true;
  /** The schema of the input (`env.AI.run(id, input)`): parses to the input with defaults filled in. */
  readonly input: ModelSchema<Input>;
  /** The schema of the output: unknown fields are kept. */
  readonly output: ModelSchema<Output>;
  /** Type-level only: the input and output types (never set at run time). */
  readonly "~types"?: { readonly input: Input; readonly output: Output } | undefined;
}

/**
 * A {@link Model} whose output can be streamed: its stream decodes to
 * {@link ChatStreamEvent}s.
 *
 * @example
 * ```ts
 * import { isStreamableModel, llama4Scout17b16eInstruct } from "@wai/ai-models";
 *
 * if (isStreamableModel(llama4Scout17b16eInstruct)) console.log("can stream");
 * ```
 */
export interface StreamableModel<Id extends string = string, Input = unknown, Output = unknown>
  extends Model<Id, Input, Output> {
  readonly capabilities: ModelCapabilities<true>;
  /** Type-level only: the input, output and stream event types (never set at run time). */
  readonly "~types"?:
    | {
        readonly input: Input;
        readonly output: Output;
        readonly streamEvent: ChatStreamEvent;
      }
    | undefined;
}

/** The input type of a model (what `run` accepts). */
export type ModelInput<M extends Model> = M extends Model<string, infer Input> ? Input : never;
/** The output type of a model (what `run` returns, after validation). */
export type ModelOutput<M extends Model> =
  M extends Model<string, unknown, infer Output> ? Output : never;
/**
 * The input, output and stream event types of a model, as one object type: the value
 * type of `AiModelCatalog`. A model without streaming has `streamEvent: never`.
 *
 * @example
 * ```ts
 * import type { ModelTypes, llama4Scout17b16eInstruct } from "@wai/ai-models";
 *
 * type Output = ModelTypes<typeof llama4Scout17b16eInstruct>["output"];
 * ```
 */
export interface ModelTypes<M extends Model> {
  readonly input: ModelInput<M>;
  readonly output: ModelOutput<M>;
  readonly streamEvent: ModelStreamEvent<M>;
}

/** The stream event type of a streamable model; `never` for a model without streaming. */
export type ModelStreamEvent<M extends Model> = M extends StreamableModel ? ChatStreamEvent : never;

/**
 * Makes a catalog model. Used by the generated modules in `src/models/` only; it is not
 * part of the public API, so that models stay sealed. The model is `definition` itself,
 * frozen, owning the brand as a non-enumerable property.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * const model = defineModel<"@cf/example/echo", { prompt: string }, { response: string }, false>({
 *   id: "@cf/example/echo",
 *   task: "Text Generation",
 *   description: "Echoes its prompt.",
 *   capabilities: { streaming: false, tools: false, asyncBatch: false, beta: true },
 *   input: v.object({ prompt: v.string() }),
 *   output: v.object({ response: v.string() }),
 * });
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineModel<
  const Id extends string,
  Input,
  Output,
  const Streaming extends boolean,
>(
  definition: ModelDefinition<Id, Streaming> & {
    readonly input: ModelSchema<Input>;
    readonly output: ModelSchema<Output>;
  },
): Streaming extends true ? StreamableModel<Id, Input, Output> : Model<Id, Input, Output> {
  // Not enumerable: a spread copy `{ ...model, input: other }` is no model.
  Object.defineProperty(definition, modelBrand, { value: true });
  return Object.freeze(definition) as unknown as Streaming extends true
    ? StreamableModel<Id, Input, Output>
    : Model<Id, Input, Output>;
}

/**
 * Tells whether a value is a model made by the catalog, unchanged.
 *
 * What it guarantees: `value` is a frozen object that owns the model brand, which
 * `defineModel` sets on the models it makes, in this copy of the package or in any other
 * (the brand is `Symbol.for("@wai/ai-models/model")`, the same in every copy). Frozen,
 * its id, capabilities and schemas are those it was made with. A copy is not a model: a
 * spread `{ ...model }` (with or without a replaced `input` or `output`), `Object.assign`,
 * `structuredClone` or JSON do not copy the non-enumerable brand, and an object made with
 * `Object.create(model)` inherits the brand but does not own it.
 *
 * What it does not guarantee: that the model came from this very copy of the package
 * (a second copy's models are models too, as they must be for two versions to work
 * together), nor that no one forged it. The brand is a registered symbol, so code that
 * deliberately defines it on a frozen object of its own (or copies every property
 * descriptor of a model) makes a look-alike that passes. `isModel` guards against
 * mistakes, not against malice. At the type level, a spread copy still has the
 * {@link Model} type, since TypeScript does not know which properties are enumerable:
 * only `isModel` tells it apart at run time.
 *
 * @example
 * ```ts
 * import { isModel, llama4Scout17b16eInstruct } from "@wai/ai-models";
 *
 * isModel(llama4Scout17b16eInstruct); // true
 * isModel({ ...llama4Scout17b16eInstruct }); // false: a copy
 * isModel({ id: "@cf/meta/llama-4-scout-17b-16e-instruct" }); // false
 * ```
 */
export function isModel(value: unknown): value is Model {
  if (typeof value !== "object" || value === null || !Object.isFrozen(value)) return false;
  return Object.getOwnPropertyDescriptor(value, modelBrand)?.value === true;
}

/**
 * Tells whether a value is a catalog model that can stream: {@link isModel}, and its
 * capabilities say it streams.
 *
 * @example
 * ```ts
 * import { isStreamableModel, llama4Scout17b16eInstruct } from "@wai/ai-models";
 *
 * isStreamableModel(llama4Scout17b16eInstruct); // true
 * ```
 */
export function isStreamableModel(value: unknown): value is StreamableModel {
  return isModel(value) && value.capabilities.streaming === true;
}
