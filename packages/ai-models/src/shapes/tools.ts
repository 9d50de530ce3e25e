/**
 * The tool definitions that about fifty text-generation models accept in `tools` (the
 * Workers AI native shape): written by hand, imported by the generated models. Checked
 * against each model's JSON Schema (as corrected in `data/_supplements.json`) by the
 * differential tests.
 *
 * The published schemas require a `description` on the function and a `type` and a
 * `description` on every parameter; the service takes any JSON Schema there (the AI SDK's
 * and zod's included), so the catalog does too.
 *
 * @module
 */
import * as v from "valibot";
import { jsonObject } from "./json-object.js";
import { jsonRecord } from "./json-record.js";
import { oneOf } from "./one-of.js";

/** A function the model may call: name, description, and the JSON Schema of its parameters. */
export interface ToolFunction {
  /** The name of the tool. More descriptive the better. */
  name: string;
  /** A brief description of what the tool does. */
  description?: string;
  /** Schema defining the parameters accepted by the tool: a JSON Schema of an object. */
  parameters: {
    /** The type of the parameters object (usually `"object"`). */
    type: string;
    /** List of required parameter names. */
    required?: string[];
    /** The JSON Schema of each parameter. */
    properties: { [name: string]: { [keyword: string]: unknown } };
  };
}

/**
 * The `tools` of a request: each a {@link ToolFunction}, bare or wrapped as
 * `{ type: "function", function }` (exactly one of the two shapes).
 */
export type Tools = (
  | ToolFunction
  | {
      /** Specifies the type of tool (e.g., `"function"`). */
      type: string;
      /** Details of the function tool. */
      function: ToolFunction;
    }
)[];

/** The schema of a {@link ToolFunction}. Unknown keys are kept. */
export const toolFunctionSchema = jsonObject({
  name: v.string(),
  description: v.optional(v.string()),
  parameters: jsonObject({
    type: v.string(),
    required: v.optional(v.array(v.string())),
    properties: jsonRecord(jsonObject({})),
  }),
});

/** The schema of {@link Tools}. */
export const toolsSchema = v.array(
  oneOf([
    toolFunctionSchema,
    jsonObject({
      type: v.string(),
      function: toolFunctionSchema,
    }),
  ]),
);
