import type { StandardSchemaV1 } from "@standard-schema/spec";

const marker = Symbol.for("wai.TypedArrayError");

/**
 * What went wrong, as a stable string to switch on.
 *
 * - `"invalid-item"`: an item does not match the schema; `index` is where the first
 *   invalid item would have gone, and `issues` holds every issue, each `path` starting
 *   with its item's index.
 * - `"invalid-value"`: a fluent builder's value does not match its schema (a key is
 *   missing or invalid); the issues' paths name the keys.
 * - `"schema-error"`: the schema threw instead of returning issues; `cause` is what it
 *   threw.
 * - `"async-schema"`: the schema validates asynchronously; arrays and builders validate
 *   synchronously, so that every mutation is atomic.
 * - `"index-out-of-range"`: `set` was given an index outside the array.
 */
export type TypedArrayErrorCode =
  | "invalid-item"
  | "invalid-value"
  | "schema-error"
  | "async-schema"
  | "index-out-of-range";

/** The options of the {@link TypedArrayError} constructor. */
export interface TypedArrayErrorOptions {
  /** What went wrong. */
  code: TypedArrayErrorCode;
  /** The index concerned, when there is one. */
  index?: number | undefined;
  /** The schema's issues. */
  issues?: readonly StandardSchemaV1.Issue[] | undefined;
  /** The underlying error, such as what a throwing schema threw. */
  cause?: unknown;
}

/**
 * The one error type of `@wai/typed-array`. Recognize it with
 * {@link TypedArrayError.isInstance}, which works even when two copies of the package
 * are installed (where `instanceof` does not).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TypedArray, TypedArrayError } from "@wai/typed-array";
 *
 * const numbers = TypedArray.of(v.number(), 1, 2);
 * try {
 *   numbers.push(3, "four" as unknown as number);
 * } catch (error) {
 *   if (TypedArrayError.isInstance(error)) console.log(error.code, error.index); // "invalid-item" 3
 * }
 * console.log(numbers); // [1, 2]: nothing was pushed
 * ```
 */
export class TypedArrayError extends Error {
  override readonly name = "TypedArrayError";
  /** What went wrong; see {@link TypedArrayErrorCode}. */
  declare readonly code: TypedArrayErrorCode;
  /** The index concerned, when there is one. */
  declare readonly index: number | undefined;
  /** The schema's issues, when there are any. */
  declare readonly issues: readonly StandardSchemaV1.Issue[] | undefined;
  // Read by isInstance through the registered symbol, so copies of the package agree.
  readonly [marker] = true;

  constructor(message: string, options: TypedArrayErrorOptions) {
    super(message, options);
    Object.assign(this, options);
  }

  /**
   * Tells whether `value` is a {@link TypedArrayError}, from any copy of this package.
   *
   * @example
   * ```ts
   * import { TypedArrayError } from "@wai/typed-array";
   *
   * TypedArrayError.isInstance(new TypedArrayError("no", { code: "async-schema" })); // true
   * ```
   */
  static isInstance(value: unknown): value is TypedArrayError {
    return (value as Record<symbol, unknown> | undefined)?.[marker] === true;
  }
}
