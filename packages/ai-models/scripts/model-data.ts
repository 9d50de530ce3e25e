/**
 * Reads the model data in `data/*.json` for the generator and the differential tests, the
 * same way for both: one entry per model (a model described by two files is read once),
 * with the supplements of `data/_supplements.json` applied (fields Workers AI accepts and
 * documents that a published schema leaves out).
 *
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = { [key: string]: Json };

/** One model file of `data/`. */
export interface ModelFile {
  /** The file name in `data/`. */
  file: string;
  /** The model id, e.g. `@cf/meta/llama-4-scout-17b-16e-instruct`. */
  name: string;
  description: string;
  task: { name: string };
  properties: { property_id: string; value: Json }[];
  schema?: { input?: JsonSchema; output?: JsonSchema };
  /** Where supplements were applied, with their sources (for the generated comments). */
  supplemented?: string[];
}

interface Supplement {
  models: string[];
  /** JSON pointers into the model's `schema`, each to a `properties` object. */
  at: string[];
  source: string;
  properties: { [name: string]: JsonSchema };
}

export const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "data");

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}

function resolve(root: Json | undefined, pointer: string): Json | undefined {
  let node = root;
  for (const step of pointer.split("/").slice(1)) {
    const key = step.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null) return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[key];
  }
  return node;
}

/** Every model of `data/`, sorted by id, with the supplements applied. */
export function readModels(): ModelFile[] {
  const files = fs
    .readdirSync(dataDir)
    .filter((file) => file.endsWith(".json") && !file.startsWith("_"))
    .sort();
  const byName = new Map<string, ModelFile>();
  for (const file of files) {
    const model = {
      ...JSON.parse(fs.readFileSync(path.join(dataDir, file), "utf8")),
      file,
    } as ModelFile;
    const previous = byName.get(model.name);
    // Two files may describe one model (`qwen.json` duplicates `qwen1.5-0.5b-chat.json`):
    // keep the file named after the model.
    if (previous === undefined || file === `${lastSegment(model.name)}.json`) {
      byName.set(model.name, model);
    }
  }
  const { supplements } = JSON.parse(
    fs.readFileSync(path.join(dataDir, "_supplements.json"), "utf8"),
  ) as { supplements: Supplement[] };
  for (const supplement of supplements) {
    for (const id of supplement.models) {
      const model = byName.get(id);
      for (const pointer of supplement.at) {
        const target = resolve(model?.schema as Json | undefined, pointer);
        if (typeof target !== "object" || target === null || Array.isArray(target))
          throw new Error(`_supplements.json: no properties object at ${pointer} of ${id}`);
        for (const [name, schema] of Object.entries(supplement.properties)) {
          if (name in target)
            throw new Error(`_supplements.json: ${id} already has ${name} at ${pointer}`);
          target[name] = schema;
        }
      }
      if (model === undefined) throw new Error(`_supplements.json: no model ${id}`);
      model.supplemented = [
        ...(model.supplemented ?? []),
        `${Object.keys(supplement.properties).join(", ")} (at ${supplement.at.join(" and ")}), from ${supplement.source}`,
      ];
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
