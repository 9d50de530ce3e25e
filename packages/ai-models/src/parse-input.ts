import type { StandardSchemaV1 } from "@standard-schema/spec";
import type * as v from "valibot";
import { AiModelsError } from "./ai-models-error.js";
import type { Model } from "./model.js";

type Issue = StandardSchemaV1.Issue & { readonly issues?: readonly Issue[] | undefined };
type Key = PropertyKey | StandardSchemaV1.PathSegment;

/**
 * Each issue with its path. An issue of a union (or `oneOf`) that no option matched
 * carries each option's issues, relative to the union's place: those are what tell the
 * user what is wrong, so they are listed too, under the union's path.
 */
function describe(issues: readonly Issue[], prefix: readonly Key[]): string[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path ?? [])];
    if (issue.issues?.length) return describe(issue.issues, path);
    const where = path.map((key) => (key as StandardSchemaV1.PathSegment).key ?? key).join(".");
    return [where ? `${issue.message} at ${where}` : issue.message];
  });
}

/** The checked input of a model: its input schema's output (defaults filled in). */
export type ParsedInput<M extends Model> = v.InferOutput<M["input"]>;

/**
 * Checks an input against its model's input schema, before anything is sent, and
 * returns the checked input (a new object, with the schema's defaults filled in; the
 * given input is never changed).
 *
 * @throws {@link AiModelsError} `"invalid-input"`, with every issue and its path.
 *
 * @example
 * ```ts
 * import { AiModelsError, bgeM3, parseInput } from "@wai/ai-models";
 *
 * console.log(parseInput(bgeM3, { text: ["a", "b"] })); // { text: ["a", "b"] }
 * try {
 *   parseInput(bgeM3, { text: 42 });
 * } catch (error) {
 *   if (AiModelsError.isInstance(error)) console.log(error.code, error.issues?.length); // "invalid-input" ...
 * }
 * ```
 */
export function parseInput<M extends Model>(model: M, input: unknown): ParsedInput<M> {
  const result = safeParseInput(model, input);
  if (result.success) return result.value;
  throw result.error;
}

/** {@link parseInput} that returns `{ success, value | error }` and never throws. */
export function safeParseInput<M extends Model>(
  model: M,
  input: unknown,
): { success: true; value: ParsedInput<M> } | { success: false; error: AiModelsError } {
  // Valibot validates synchronously: its Standard Schema result is never a promise.
  const result = model.input["~standard"].validate(input) as StandardSchemaV1.Result<
    ParsedInput<M>
  >;
  if (!result.issues) return { success: true, value: result.value };
  const issues = describe(result.issues, []);
  return {
    success: false,
    error: new AiModelsError(`Invalid input for ${model.id}: ${issues.join("; ")}`, {
      code: "invalid-input",
      data: input,
      issues: result.issues,
    }),
  };
}
