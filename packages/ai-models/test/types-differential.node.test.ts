// Differential tests of the printed types: for every model, values drawn from its JSON
// Schema (and near misses) are written as typed constants, `const c: ModelInput = <value>`,
// and compiled with the TypeScript compiler. Each must compile exactly when ajv accepts the
// value under the schema's type-level reading:
//
// - numeric and length bounds, patterns, formats and `uniqueItems` are dropped (a type
//   cannot say them; the run-time schemas check them, see differential.node.test.ts);
// - `integer` is `number`, and `oneOf` is `anyOf` (a union cannot say "exactly one");
// - values carry no key the schema does not name: the printed types leave unknown keys out
//   on purpose (a misspelt field is a compile-time error), while the run-time schemas keep
//   them.
//
// A value the type should refuse is written under `// @ts-expect-error`, so that one
// compilation checks both directions: a refused valid value is an error at its line, an
// accepted invalid one leaves the directive unused (TS2578).
import * as fs from "node:fs";
import * as path from "node:path";
import { Ajv } from "ajv";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { type Json, type JsonSchema, readModels } from "../scripts/model-data.ts";
import { candidatesOf } from "./json-schema-arbitrary.js";

const valuesPerDirection = 16;
const packageDir = path.join(import.meta.dirname, "..");

const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });

const dropped = new Set([
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
]);

const annotations = new Set([
  "description",
  "title",
  "examples",
  "contentType",
  "deprecated",
  "default",
]);

function isSchema(value: Json | undefined): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema as a type reads it (see the header). */
function typeLevel(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(typeLevel);
  if (!isSchema(schema)) return schema;
  const out: { [key: string]: Json } = {};
  // An object type that names keys has no index signature: no other key is allowed. An
  // object that names none (`{ [key: string]: unknown }`) and a map stay open.
  const named =
    (isSchema(schema.properties) && Object.values(schema.properties).some(isSchema)) ||
    (Array.isArray(schema.required) && schema.required.length > 0);
  const additional = schema.additionalProperties;
  const map = isSchema(additional) && Object.keys(additional).some((key) => !annotations.has(key));
  if (named && !map) out.additionalProperties = false;
  for (const [key, value] of Object.entries(schema)) {
    if (dropped.has(key) || (key === "additionalProperties" && named && !map)) continue;
    if (key === "enum" || key === "const" || key === "default" || key === "required")
      out[key] = value;
    else if (key === "properties" && typeof value === "object" && value !== null) {
      // A property whose schema is not an object (a data slip: flux-2-dev has `"required":
      // [...]` inside `properties`) is not named by the type, as the generator reads it.
      const entries = Object.entries(value).filter(([, v]) => isSchema(v));
      out[key] = Object.fromEntries(entries.map(([k, v]) => [k, typeLevel(v)]));
    } else if (key === "type")
      out[key] =
        value === "integer"
          ? "number"
          : Array.isArray(value)
            ? value.map((t) => (t === "integer" ? "number" : t))
            : value;
    else out[key === "oneOf" ? "anyOf" : key] = typeLevel(value);
  }
  return out;
}

/** A TypeScript expression for a JSON value, on one line, in ASCII. */
function expression(value: Json): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function hasProtoKey(value: Json): boolean {
  if (Array.isArray(value)) return value.some(hasProtoKey);
  if (typeof value !== "object" || value === null) return false;
  return Object.keys(value).some((key) => key === "__proto__" || hasProtoKey(value[key] as Json));
}

interface Case {
  model: string;
  direction: "input" | "output";
  value: Json;
  accepted: boolean;
  line: number;
}

function typeName(id: string): string {
  const words = id
    .slice(id.lastIndexOf("/") + 1)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  // Digits that meet digits (`3.1`) are joined by `_`, as the generator names models.
  const name = words
    .map((word, index) =>
      /[0-9]$/.test(words[index - 1] ?? "") && /^[0-9]/.test(word)
        ? `_${word}`
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join("");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

describe("printed types agree with ajv (type-level reading)", () => {
  it("every model's input and output types accept exactly the values ajv accepts", () => {
    const cases: Case[] = [];
    const lines = [
      "// Written by test/types-differential.node.test.ts; removed after the run.",
      'import type * as M from "../src/models/index.js";',
    ];
    const models = readModels().filter(
      (model) => model.schema?.input && Object.keys(model.schema.input).length > 0,
    );
    models.forEach((model, modelIndex) => {
      for (const direction of ["input", "output"] as const) {
        const schema = model.schema?.[direction] as JsonSchema | undefined;
        if (schema === undefined || Object.keys(schema).length === 0) continue;
        const validate = ajv.compile(typeLevel(schema) as object);
        const values = fc.sample(candidatesOf(schema, { unknownKeys: false }), {
          numRuns: valuesPerDirection,
          seed: 7 + modelIndex,
        });
        const type = `M.${typeName(model.name)}${direction === "input" ? "Input" : "Output"}`;
        for (const value of values) {
          if (hasProtoKey(value)) continue;
          const accepted = validate(value);
          if (!accepted) lines.push("// @ts-expect-error: ajv refuses this value");
          cases.push({ model: model.name, direction, value, accepted, line: lines.length });
          lines.push(`export const c${cases.length}: ${type} = ${expression(value)};`);
        }
      }
    });
    const dir = fs.mkdtempSync(path.join(packageDir, ".types-differential-"));
    try {
      const file = path.join(dir, "values.ts");
      fs.writeFileSync(file, `${lines.join("\n")}\n`);
      const program = ts.createProgram([file], {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2023,
        module: ts.ModuleKind.Preserve,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        allowImportingTsExtensions: true,
        lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
        types: [],
      });
      const diagnostics = ts.getPreEmitDiagnostics(program);
      const failures = diagnostics.map((diagnostic) => {
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
        if (diagnostic.file?.fileName !== file) return `${diagnostic.file?.fileName}: ${message}`;
        const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
        // The directive's line (an accepted refusal) or the constant's line (a refused value).
        const found = cases.find((c) => c.line === line || c.line === line + 1);
        if (found === undefined) return `line ${line + 1}: ${message}`;
        return `${found.model} ${found.direction}: ajv ${found.accepted ? "accepts" : "refuses"} ${expression(found.value).slice(0, 300)}, TypeScript says: ${message.split("\n")[0]}`;
      });
      expect(failures).toEqual([]);
      // Both directions were exercised.
      expect(cases.filter((c) => c.accepted).length).toBeGreaterThan(models.length * 4);
      expect(cases.filter((c) => !c.accepted).length).toBeGreaterThan(models.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
