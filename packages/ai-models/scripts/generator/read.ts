/**
 * Stage 1 of the generator: read the model data. `scripts/model-data.ts` reads `data/*.json`
 * and applies the supplements and corrections of `data/_supplements.json` (the same reading
 * as the differential tests); this stage only adds what the later stages need per model.
 *
 * @module
 */
import {
  dataDir as defaultDataDir,
  type JsonSchema,
  type ModelFile,
  readModels,
} from "../model-data.ts";
import { isSchema } from "./json-schema.ts";

export type { ModelFile };

export type Direction = "input" | "output";

/** Options of {@link readCatalog}. */
export interface ReadOptions {
  /** The folder of the model files and `_supplements.json`; `data/` of the package by default. */
  dataDir?: string | undefined;
}

/** One model as the generator sees it. */
export interface ModelData {
  model: ModelFile;
  /** The input and output JSON Schemas; absent when the data publishes none (a partial model). */
  schemas: { input: JsonSchema; output: JsonSchema } | undefined;
}

/** Every model of the data folder, sorted by id, supplements and corrections applied. */
export function readCatalog(options: ReadOptions = {}): ModelData[] {
  return readModels(options.dataDir ?? defaultDataDir).map((model) => {
    const input = model.schema?.input;
    const output = model.schema?.output;
    const published = isSchema(input) && Object.keys(input).length > 0;
    return {
      model,
      schemas: published ? { input, output: isSchema(output) ? output : {} } : undefined,
    };
  });
}
