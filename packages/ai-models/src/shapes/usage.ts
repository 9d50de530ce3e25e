/**
 * The token usage that about forty models report in their output (`usage`): written by
 * hand, imported by the generated models. Checked against each model's JSON Schema by the
 * differential tests.
 *
 * @module
 */
import * as v from "valibot";
import { jsonObject } from "./json-object.js";

/** Token counts of one request. A count the model did not report is absent. */
export interface Usage {
  /** Total number of tokens in input. */
  prompt_tokens?: number | undefined;
  /** Total number of tokens in output. */
  completion_tokens?: number | undefined;
  /** Total number of input and output tokens. */
  total_tokens?: number | undefined;
}

/** The schema of {@link Usage}. Unknown keys are kept. */
export const usageSchema = jsonObject({
  prompt_tokens: v.optional(v.number()),
  completion_tokens: v.optional(v.number()),
  total_tokens: v.optional(v.number()),
});
