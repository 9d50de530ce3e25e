import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { SafeResult } from "@wai/typed-array";
import type * as v from "valibot";
import { AiModelsError } from "./ai-models-error.js";
import { describeIssues } from "./issues.js";
import type { Model, ModelInput } from "./model.js";

type Issue = StandardSchemaV1.Issue & {
  readonly type?: string;
  readonly received?: string;
  readonly issues?: readonly Issue[] | undefined;
};
type Key = PropertyKey | StandardSchemaV1.PathSegment;

/** The parts of a valibot schema that lead to its sub-schemas. */
interface SchemaNode {
  readonly type: string;
  readonly entries?: Record<string, SchemaNode>;
  readonly rest?: SchemaNode;
  readonly item?: SchemaNode;
  readonly wrapped?: SchemaNode;
  readonly options?: readonly SchemaNode[];
  readonly "~standard": StandardSchemaV1.Props;
}

const keyOf = (segment: Key): PropertyKey =>
  typeof segment === "object" ? (segment as StandardSchemaV1.PathSegment).key : segment;

/** The sub-schema at a key of an object or array schema (through optional and pipes). */
function child(schema: SchemaNode | undefined, key: PropertyKey): SchemaNode | undefined {
  const node = unwrap(schema);
  if (node === undefined) return undefined;
  if (node.item) return node.item;
  if (node.entries && typeof key === "string" && Object.hasOwn(node.entries, key))
    return node.entries[key];
  return node.rest;
}

/** The schema an optional, nullable or non-array wrapper stands for. */
function unwrap(schema: SchemaNode | undefined): SchemaNode | undefined {
  let node = schema;
  while (node?.wrapped) node = node.wrapped;
  return node;
}

const unions = new Set(["union", "one_of", "variant"]);
const isUnion = (node: SchemaNode | undefined): node is SchemaNode & { options: SchemaNode[] } =>
  node !== undefined && unions.has(node.type) && Array.isArray(node.options);

/** A key the value lacks: valibot's `Invalid key: Expected "x" but received undefined`. */
const isMissingKey = (issue: Issue) =>
  issue.received === "undefined" && (issue.path?.length ?? 0) === 1;

function validate(schema: SchemaNode, value: unknown): readonly Issue[] {
  // Valibot validates synchronously: its Standard Schema result is never a promise.
  const result = schema["~standard"].validate(value) as StandardSchemaV1.Result<unknown>;
  return (result.issues ?? []) as readonly Issue[];
}

/**
 * The issues of a value, with each union that no option matched explained by its closest
 * option only: the one that the value fails by the fewest missing keys, then the fewest
 * issues (so `{ messages: [...] }` with one bad message is told about that message, not
 * that `prompt` is missing). A union whose every option refuses the value outright (a
 * wrong type, or only missing keys) is one issue, said once.
 */
function explain(schema: SchemaNode, value: unknown, prefix: readonly Key[]): Issue[] {
  return validate(schema, value).flatMap((issue) => {
    const path = issue.path ?? [];
    if (!issue.issues?.length) return [{ ...issue, path: [...prefix, ...path] }];
    // A union inside the value: find its schema by the issue's path, explain it there.
    let node: SchemaNode | undefined = schema;
    let at: unknown = value;
    for (const segment of path) {
      const key = keyOf(segment);
      node = child(node, key);
      at = (at as Record<PropertyKey, unknown> | undefined)?.[key];
    }
    node = unwrap(node);
    return isUnion(node)
      ? explainUnion(node, at, [...prefix, ...path], issue)
      : [{ ...issue, issues: undefined, path: [...prefix, ...path] }];
  });
}

function explainUnion(
  union: SchemaNode & { options: SchemaNode[] },
  value: unknown,
  path: readonly Key[],
  issue: Issue,
): Issue[] {
  const attempts = union.options.map((option) => {
    const issues = validate(option, value);
    return { option, issues, missing: issues.filter(isMissingKey).length };
  });
  const outright = attempts.filter(
    ({ issues, missing }) =>
      missing === issues.length || issues.every((i) => (i.path?.length ?? 0) === 0),
  );
  if (outright.length === attempts.length) {
    const keys = attempts.flatMap(({ issues }) =>
      issues.filter(isMissingKey).map((i) => String(keyOf(i.path?.[0] as Key))),
    );
    const message =
      keys.length > 0 && attempts.every(({ missing }) => missing > 0)
        ? `Invalid value: expected one of ${[...new Set(keys)].map((k) => `"${k}"`).join(", ")}`
        : issue.message;
    return [{ message, path }];
  }
  const [closest] = attempts
    .filter((attempt) => !outright.includes(attempt))
    .sort((a, b) => a.missing - b.missing || a.issues.length - b.issues.length);
  return closest ? explain(closest.option, value, path) : [{ ...issue, issues: undefined, path }];
}

/** The checked input of a model: its input schema's output (defaults filled in). */
export type ParsedInput<M extends Model> = v.InferOutput<M["input"]>;

/**
 * Checks an input against its model's input schema, before anything is sent, and
 * returns the checked input (a new object, with the schema's defaults filled in; the
 * given input is never changed). The input is typed by the model (a misspelt field is a
 * compile-time error); a model the catalog does not type takes any input.
 *
 * @throws {@link AiModelsError} `"invalid-input"`, with each issue and its path. Where the
 *   input matches none of a model's request forms (prompt, messages, batch...), the issues
 *   are those of the closest form only.
 *
 * @example
 * ```ts
 * import { AiModelsError, bgeM3, parseInput } from "@wai/ai-models";
 *
 * console.log(parseInput(bgeM3, { text: ["a", "b"] })); // { text: ["a", "b"] }
 * try {
 *   parseInput(bgeM3, { text: 42 as unknown as string });
 * } catch (error) {
 *   if (AiModelsError.isInstance(error)) console.log(error.code, error.message); // "invalid-input" ...
 * }
 * ```
 */
export function parseInput<M extends Model>(model: M, input: ModelInput<M>): ParsedInput<M> {
  const result = safeParseInput(model, input);
  if (result.success) return result.value;
  throw result.error;
}

/**
 * {@link parseInput} that returns `{ success, value | error }` and never throws.
 *
 * @example
 * ```ts
 * import { llama4Scout17b16eInstruct, safeParseInput } from "@wai/ai-models";
 *
 * const result = safeParseInput(llama4Scout17b16eInstruct, { messages: [{ role: "user", content: "Hi" }] });
 * if (!result.success) console.log(result.error.message);
 * ```
 */
export function safeParseInput<M extends Model>(
  model: M,
  input: ModelInput<M>,
): SafeResult<ParsedInput<M>, AiModelsError> {
  const schema = model.input as unknown as SchemaNode;
  const result = schema["~standard"].validate(input) as StandardSchemaV1.Result<ParsedInput<M>>;
  if (!result.issues) return { success: true, value: result.value };
  const issues = explain(schema, input, []);
  return {
    success: false,
    issues,
    error: new AiModelsError(`Invalid input for ${model.id}: ${describeIssues(issues)}`, {
      code: "invalid-input",
      data: input,
      issues,
    }),
  };
}
