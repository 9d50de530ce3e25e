/**
 * Reads the model data in `data/*.json` for the generator and the differential tests, the
 * same way for both: one entry per model (a model described by two files is read once),
 * with the supplements and corrections of `data/_supplements.json` applied.
 *
 * The rule: the catalog accepts every request the real service accepts and every answer it
 * gives. The published JSON Schemas are where it starts; where one is stricter than the
 * service, or ambiguous, `data/_supplements.json` corrects it, each correction with its
 * source. The model files themselves stay exact copies of the published data.
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
  /** Where supplements and corrections were applied, with their sources (for the generated comments). */
  supplemented?: string[];
}

/** A field that Workers AI accepts and documents but that a published schema leaves out. */

interface Supplement {
  models: string[];
  /** JSON pointers into the model's `schema`, each to a `properties` object. */
  at: string[];
  source: string;
  properties: { [name: string]: JsonSchema };
}

/**
 * A published sub-schema that is stricter than the service, or ambiguous, and what it is
 * corrected to. Where: every sub-schema that equals `shape` (annotations such as
 * `description` ignored; `{"$any": true}` in `shape` stands for any sub-schema), in the
 * listed `models` or in every model; or the sub-schemas at the JSON pointers `at` (into
 * the model's `schema`) of the listed models. How: `replace` it whole, or `set` keys on it
 * and `remove` keys from it. A correction that matches nothing in one of its models is an
 * error, so that a stale one is noticed when the data changes.
 */
interface Correction {
  /** What is corrected and why, in a sentence (printed in the generated models' docs). */
  what: string;
  /** Where the service's behaviour is documented or was seen. */
  source: string;
  /** The models concerned; every model when absent (then it must match at least once overall). */
  models?: string[];
  shape?: JsonSchema;
  at?: string[];
  replace?: JsonSchema;
  set?: JsonSchema;
  remove?: string[];
}

/** Keywords that do not change what a schema accepts. */
const annotations = new Set(["description", "title", "examples", "contentType", "deprecated"]);

function isObject(value: Json | undefined): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `schema` is the shape `pattern` describes (see {@link Correction}). */
export function matchesShape(schema: Json, pattern: Json, inProperties = false): boolean {
  if (isObject(pattern) && pattern.$any === true) return true;
  if (Array.isArray(pattern))
    return (
      Array.isArray(schema) &&
      schema.length === pattern.length &&
      pattern.every((item, index) => matchesShape(schema[index] as Json, item))
    );
  if (!isObject(pattern) || !isObject(schema))
    return JSON.stringify(schema) === JSON.stringify(pattern);
  const keys = (value: JsonSchema) =>
    Object.keys(value)
      .filter((key) => inProperties || !annotations.has(key))
      .sort();
  const [mine, theirs] = [keys(schema), keys(pattern)];
  if (mine.join() !== theirs.join()) return false;
  return mine.every((key) =>
    key === "enum" || key === "const" || key === "default" || key === "required"
      ? JSON.stringify(schema[key]) === JSON.stringify(pattern[key])
      : matchesShape(
          schema[key] as Json,
          pattern[key] as Json,
          key === "properties" && !inProperties,
        ),
  );
}

function edit(node: JsonSchema, correction: Correction): void {
  if (correction.replace) {
    for (const key of Object.keys(node)) if (!annotations.has(key)) delete node[key];
    Object.assign(node, structuredClone(correction.replace));
  }
  for (const key of correction.remove ?? []) delete node[key];
  Object.assign(node, structuredClone(correction.set ?? {}));
}

/** Applies a correction to every matching sub-schema under `node`; returns how many matched. */
function correct(node: Json | undefined, correction: Correction): number {
  if (correction.at) {
    let matched = 0;
    for (const pointer of correction.at) {
      const target = resolve(node, pointer);
      if (isObject(target)) {
        edit(target, correction);
        matched++;
      }
    }
    return matched;
  }
  if (Array.isArray(node))
    return node.reduce<number>((n, item) => n + correct(item, correction), 0);
  if (!isObject(node) || correction.shape === undefined) return 0;
  if (matchesShape(node, correction.shape)) {
    edit(node, correction);
    return 1;
  }
  let matched = 0;
  for (const [key, child] of Object.entries(node)) {
    if (key === "properties" && isObject(child)) {
      for (const property of Object.values(child)) matched += correct(property, correction);
    } else if (!annotations.has(key) && key !== "enum" && key !== "const" && key !== "default") {
      matched += correct(child, correction);
    }
  }
  return matched;
}

export const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "data");

const defaultDataDir = dataDir;

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

/**
 * Every model of `data/` (or of another folder laid out the same way), sorted by id, with
 * the supplements applied.
 */
export function readModels(dataDir: string = defaultDataDir): ModelFile[] {
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
  const { supplements, corrections } = JSON.parse(
    fs.readFileSync(path.join(dataDir, "_supplements.json"), "utf8"),
  ) as { supplements: Supplement[]; corrections: Correction[] };
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
        `Supplemented: ${Object.keys(supplement.properties).join(", ")} (at ${supplement.at.join(" and ")}), from ${supplement.source}`,
      ];
    }
  }
  for (const correction of corrections) {
    let total = 0;
    for (const model of correction.models?.map((id) => byName.get(id)) ?? byName.values()) {
      if (model === undefined)
        throw new Error(`_supplements.json: no model for "${correction.what}"`);
      const matched = correct(model.schema as Json | undefined, correction);
      if (matched === 0 && correction.models)
        throw new Error(`_supplements.json: "${correction.what}" matches nothing in ${model.name}`);
      if (matched > 0)
        model.supplemented = [
          ...(model.supplemented ?? []),
          `Corrected: ${correction.what}; source: ${correction.source}`,
        ];
      total += matched;
    }
    if (total === 0) throw new Error(`_supplements.json: "${correction.what}" matches nothing`);
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
