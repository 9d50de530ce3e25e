/**
 * The run-time registry of every model by id. Importing it bundles the whole catalog: import
 * single models from `@wai/ai-models` when you know which you use.
 *
 * @module
 */
import type { Model } from "./model.js";
import type { AiModelId } from "./models/catalog.js";
import * as models from "./models/index.js";

/**
 * Every model of the catalog by id.
 *
 * @example
 * ```ts
 * import { registry } from "@wai/ai-models/registry";
 *
 * const model = registry.get("@cf/meta/llama-4-scout-17b-16e-instruct");
 * ```
 */
export const registry: ReadonlyMap<AiModelId, Model> = new Map(
  Object.values(models).map((model): [AiModelId, Model] => [model.id, model]),
);

/**
 * The model with this id, or `undefined` for an id the catalog does not know.
 *
 * @example
 * ```ts
 * import { getModel } from "@wai/ai-models/registry";
 *
 * getModel("@cf/meta/llama-4-scout-17b-16e-instruct")?.capabilities.streaming; // true
 * ```
 */
export function getModel(id: string): Model | undefined {
  return registry.get(id as AiModelId);
}
