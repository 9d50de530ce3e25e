import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { TypedArrayError } from "./typed-array-error.js";

export type { StandardSchemaV1 };

/**
 * The result of a safe operation: the value, or why there is none. A safe operation
 * never throws and, when it fails, changes nothing. Every `safe*` function of the wai
 * packages returns this shape, with its package's error class as `E`.
 *
 * @typeParam T - The value.
 * @typeParam E - The error the unsafe operation throws.
 */
export type SafeResult<T, E extends Error = TypedArrayError> =
  | { readonly success: true; readonly value: T }
  | {
      readonly success: false;
      /** Every issue found, each with its path (in a typed array, starting with the item's index). */
      readonly issues: readonly StandardSchemaV1.Issue[];
      /** The error the unsafe operation throws. */
      readonly error: E;
    };

/**
 * The builder protocol: anything that makes a `T`, checked, on `build()`.
 */
export interface Builder<T> {
  /** Returns the built value; throws a {@link TypedArrayError} if it is not valid. */
  build(): T;
  /** Returns the built value or the issues; never throws. */
  safeBuild(): SafeResult<T>;
}

/** The named keys of an object type, without index signatures (`[key: string]: unknown`). */
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K
    ? never
    : number extends K
      ? never
      : symbol extends K
        ? never
        : K]: T[K];
};

/** Every named key of any member of a union. */
type KeysOf<T> = T extends unknown ? KnownKeys<T> : never;

/** The type of `K` in any member of a union that has it. */
type ValueOf<T, K extends PropertyKey> = T extends unknown
  ? K extends keyof T
    ? T[K]
    : never
  : never;

/**
 * A fluent builder for an object type: one setter per key of `Input`, each typed from
 * it and returning the builder, and the {@link Builder} methods, which validate and
 * return `Output`.
 *
 * @typeParam Input - The object type the setters fill (a schema's input type).
 * @typeParam Output - What `build()` returns (the schema's output type).
 */
export type FluentBuilder<Input, Output = Input> = {
  readonly [K in KeysOf<Input> & string]-?: (
    value: ValueOf<Input, K>,
  ) => FluentBuilder<Input, Output>;
} & Builder<Output>;

/** What `pushBuilder` functions receive and may return. */
export type BuilderFunction<Input, Output> = (
  builder: FluentBuilder<Input, Output>,
) => FluentBuilder<Input, Output> | Builder<Output>;

/** The input type of a Standard Schema. */
export type InputOf<Schema extends StandardSchemaV1> = StandardSchemaV1.InferInput<Schema>;
/** The output type of a Standard Schema. */
export type OutputOf<Schema extends StandardSchemaV1> = StandardSchemaV1.InferOutput<Schema>;
