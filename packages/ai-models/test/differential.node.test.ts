// Differential tests of the generator: for every model, values drawn from its JSON Schema
// (and near misses) are accepted or rejected by the generated valibot schema exactly as
// ajv, the reference JSON Schema validator, decides; inputs and outputs alike.
//
// `format: "binary"` is declared to ajv as a format that any string satisfies: in JSON a
// binary field is a string, and the generated `binary()` schema accepts any string too
// (and, through the binding, bytes and streams, which JSON cannot carry).
//
// Node only: ajv compiles validators with `new Function`, which workerd forbids.
import * as fs from "node:fs";
import * as path from "node:path";
import { Ajv } from "ajv";
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { registry } from "../src/registry.js";
import { candidatesOf, type Json } from "./json-schema-arbitrary.js";

const dataDir = path.join(import.meta.dirname, "..", "data");
const files = fs
  .readdirSync(dataDir)
  .filter((file) => file.endsWith(".json") && !file.startsWith("_") && file !== "qwen.json");

const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
ajv.addFormat("binary", { type: "string", validate: () => true });

const numRuns = 25;

describe("generated schemas agree with ajv", () => {
  for (const file of files) {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, file), "utf8")) as {
      name: string;
      schema?: { input?: Json; output?: Json };
    };
    for (const direction of ["input", "output"] as const) {
      const schema = data.schema?.[direction];
      const testFn =
        schema === undefined ||
        (typeof schema === "object" && schema !== null && Object.keys(schema).length === 0)
          ? it.skip
          : it;
      testFn(`${data.name} ${direction}`, () => {
        const model = registry.get(data.name as never);
        expect(model).toBeDefined();
        const validate = ajv.compile(schema as object);
        const generated = model?.[direction] as v.GenericSchema;
        fc.assert(
          fc.property(candidatesOf(schema), (value) => {
            const expected = validate(value);
            const actual = v.safeParse(generated, value).success;
            if (actual !== expected) {
              throw new Error(
                `ajv says ${expected}, valibot says ${actual} for ${JSON.stringify(value)}`,
              );
            }
          }),
          { numRuns, seed: 42 },
        );
      });
    }
  }
});
