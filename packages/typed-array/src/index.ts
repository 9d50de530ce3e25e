/**
 * A real `Array<T>` bound to a Standard Schema, with validated, atomic mutations; typed
 * fluent builders derived from object schemas; and one-pass array builders.
 *
 * @module
 */
export { ArrayBuilder } from "./array-builder.js";
export { fluentBuilder } from "./fluent-builder.js";
export { TypedArray } from "./typed-array.js";
export {
  TypedArrayError,
  type TypedArrayErrorCode,
  type TypedArrayErrorOptions,
} from "./typed-array-error.js";
export type {
  Builder,
  BuilderFunction,
  FluentBuilder,
  InputOf,
  OutputOf,
  SafeResult,
  StandardSchemaV1,
} from "./types.js";
