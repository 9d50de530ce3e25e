/**
 * A tool call as the OpenAI-style outputs of about fifteen models carry it in
 * `tool_calls`: written by hand, imported by the generated models. Checked against each
 * model's JSON Schema by the differential tests.
 *
 * @module
 */
import * as v from "valibot";
import { jsonObject } from "./json-object.js";

/** A call of a function by the model, its arguments as JSON text. */
export interface ToolCall {
  /** Unique identifier for the tool call. */
  id: string;
  /** Type of tool call. */
  type: "function";
  function: {
    /** Name of the function to call. */
    name: string;
    /** JSON string of arguments for the function. */
    arguments: string;
  };
}

/** The schema of {@link ToolCall}. Unknown keys are kept. */
export const toolCallSchema = jsonObject({
  id: v.string(),
  type: v.picklist(["function"]),
  function: jsonObject({
    name: v.string(),
    arguments: v.string(),
  }),
});
