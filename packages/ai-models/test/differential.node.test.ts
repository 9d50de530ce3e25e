// Differential tests of the generator: for every model, values drawn from its JSON Schema
// (and near misses) are accepted or rejected by the generated valibot schema exactly as
// ajv, the reference JSON Schema validator, decides; inputs and outputs alike. The data is
// read as the generator reads it (scripts/model-data.ts: supplements applied).
//
// `format: "binary"` is declared to ajv as a format that any string satisfies: in JSON a
// binary field is a string, and the generated `binary()` schema accepts any string too
// (and, through the binding, bytes and streams, which JSON cannot carry).
//
// Node only: ajv compiles validators with `new Function`, which workerd forbids.
import { Ajv } from "ajv";
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { readModels } from "../scripts/model-data.ts";
import { registry } from "../src/registry.js";
import { candidatesOf } from "./json-schema-arbitrary.js";

const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
ajv.addFormat("binary", { type: "string", validate: () => true });

const numRuns = 25;

describe("generated schemas agree with ajv", () => {
  // The data as the generator reads it: one entry per model, with the supplements applied.
  for (const data of readModels()) {
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
