/**
 * The tool definitions that about fifty text-generation models accept in `tools` (the
 * Workers AI native shape): written by hand, imported by the generated models. Checked
 * against each model's JSON Schema by the differential tests.
 *
 * @module
 */
import * as v from "valibot";
import { nonArray } from "./non-array.js";
import { oneOf } from "./one-of.js";

/** One parameter of a {@link ToolFunction}: its JSON type and a description. */
export interface ToolParameter {
  /** The data type of the parameter, e.g. `"string"`. */
  type: string;
  /** A description of the expected parameter. */
  description: string;
}

/** A function the model may call: name, description, and the JSON Schema of its parameters. */
export interface ToolFunction {
  /** The name of the tool. More descriptive the better. */
  name: string;
  /** A brief description of what the tool does. */
  description: string;
  /** Schema defining the parameters accepted by the tool. */
  parameters: {
    /** The type of the parameters object (usually `"object"`). */
    type: string;
    /** List of required parameter names. */
    required?: readonly string[] | undefined;
    /** Definitions of each parameter. */
    properties: { [name: string]: ToolParameter };
  };
}

/**
 * The `tools` of a request: each a {@link ToolFunction}, bare or wrapped as
 * `{ type: "function", function }` (exactly one of the two shapes).
 */
export type Tools = readonly (
  | ToolFunction
  | {
      /** Specifies the type of tool (e.g., `"function"`). */
      type: string;
      /** Details of the function tool. */
      function: ToolFunction;
    }
)[];

const toolParameterSchema = nonArray(
  v.looseObject({
    type: v.string(),
    description: v.string(),
  }),
);

/** The schema of a {@link ToolFunction}. Unknown keys are kept. */
export const toolFunctionSchema = nonArray(
  v.looseObject({
    name: v.string(),
    description: v.string(),
    parameters: nonArray(
      v.looseObject({
        type: v.string(),
        required: v.optional(v.array(v.string())),
        properties: nonArray(v.objectWithRest({}, toolParameterSchema)),
      }),
    ),
  }),
);

/** The schema of {@link Tools}. */
export const toolsSchema = v.array(
  oneOf([
    toolFunctionSchema,
    nonArray(
      v.looseObject({
        type: v.string(),
        function: toolFunctionSchema,
      }),
    ),
  ]),
);
