// The validation every operation shares: synchronous, never throwing, returning either
// the schema's outputs or a SafeResult failure whose issues' paths start with the index.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { TypedArrayError, type TypedArrayErrorCode } from "./typed-array-error.js";
import type { SafeResult } from "./types.js";

type Failure = Extract<SafeResult<never>, { success: false }>;

/** Runs a schema on one value: its result, or the error of a schema that threw or is async. */
export function validate<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
): StandardSchemaV1.Result<T> | TypedArrayError {
  let result: StandardSchemaV1.Result<T> | Promise<StandardSchemaV1.Result<T>>;
  try {
    result = schema["~standard"].validate(value);
  } catch (cause) {
    return new TypedArrayError(`The schema threw: ${(cause as Error)?.message ?? cause}`, {
      code: "schema-error",
      cause,
    });
  }
  if (typeof (result as Promise<unknown>).then === "function") {
    // Its outcome is not waited for; a rejection must not go unhandled.
    (result as Promise<unknown>).then(undefined, () => {});
    return new TypedArrayError("The schema is asynchronous; typed arrays validate synchronously", {
      code: "async-schema",
    });
  }
  return result as StandardSchemaV1.Result<T>;
}

const describe = (issues: readonly StandardSchemaV1.Issue[]) =>
  issues
    .map(({ message, path }) =>
      path?.length
        ? `${message} at ${path.map((key) => (key as StandardSchemaV1.PathSegment).key ?? key).join(".")}`
        : message,
    )
    .join("; ");

export function failure(error: TypedArrayError): Failure {
  return { success: false, issues: error.issues ?? [{ message: error.message }], error };
}

function invalid(
  code: TypedArrayErrorCode,
  issues: readonly StandardSchemaV1.Issue[],
  index?: number,
): Failure {
  const what = code === "invalid-item" ? `Invalid item at index ${index}` : "Invalid value";
  return failure(new TypedArrayError(`${what}: ${describe(issues)}`, { code, index, issues }));
}

/**
 * Validates `values[from..]` in place, replacing each by the schema's output; the
 * issues' paths are prefixed with `offset + i`. On failure `values` is partly replaced:
 * callers use it only on arrays they own and drop on failure.
 */
export function validateInPlace<T>(
  schema: StandardSchemaV1<unknown, T>,
  values: unknown[],
  offset: number,
): Failure | undefined {
  let issues: StandardSchemaV1.Issue[] | undefined;
  let first = 0;
  for (let i = 0; i < values.length; i++) {
    const result = validate(schema, values[i]);
    if (result instanceof TypedArrayError) return failure(result);
    if (result.issues) {
      if (!issues) {
        issues = [];
        first = offset + i;
      }
      for (const issue of result.issues)
        issues.push({ ...issue, path: [offset + i, ...(issue.path ?? [])] });
    } else values[i] = result.value;
  }
  return issues && invalid("invalid-item", issues, first);
}

/** Validates one value for a fluent builder: `"invalid-value"` issues name the keys. */
export function validateValue<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
): SafeResult<T> {
  const result = validate(schema, value);
  if (result instanceof TypedArrayError) return failure(result);
  return result.issues
    ? invalid("invalid-value", result.issues)
    : { success: true, value: result.value };
}

/** The value of a safe result, or its error thrown. */
export function unwrap<T>(result: SafeResult<T>): T {
  if (result.success) return result.value;
  throw result.error;
}
