import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { BuilderFunction, FluentBuilder, InputOf, OutputOf } from "./types.js";
import { unwrap, validateValue } from "./validate.js";

/** Where a fluent builder keeps the values set so far, unvalidated. */
const rawValues: unique symbol = Symbol("raw values");

/**
 * What a `pushBuilder` function made, to be validated once as an item: the values set on
 * one of our fluent builders, unvalidated (validating them here too would do it twice), or
 * what another {@link Builder} builds.
 */
export function builtValue(made: ReturnType<BuilderFunction<never, unknown>>): unknown {
  return (made as { [rawValues]?: object })[rawValues] ?? made.build();
}

/**
 * Makes a fluent builder for an object schema: one setter per key, typed from the
 * schema's input, each returning the builder, then `build()`, which validates the
 * collected object with the schema and returns its output, or throws a
 * {@link TypedArrayError} of code `"invalid-value"` whose issues name each missing or
 * invalid key. `safeBuild()` returns `{ success, value | issues }` instead.
 *
 * Works with any Standard Schema (valibot, zod, arktype), including unions of object
 * types: a setter exists for every key of any member. Setters may be called again to
 * change a value, and a builder may build several times. A key named `build` or
 * `safeBuild` cannot be set through this builder.
 *
 * @param schema - A schema of an object type.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { fluentBuilder } from "@wai/typed-array";
 *
 * const Message = v.object({ role: v.picklist(["user", "assistant"]), content: v.string() });
 * const message = fluentBuilder(Message).role("user").content("hello").build();
 * console.log(message); // { role: "user", content: "hello" }
 *
 * const missing = fluentBuilder(Message).role("user").safeBuild();
 * if (!missing.success) console.log(missing.error.message); // Invalid value: ... at content
 * ```
 */
export function fluentBuilder<Schema extends StandardSchemaV1>(
  schema: Schema,
): FluentBuilder<InputOf<Schema>, OutputOf<Schema>> {
  const values: Record<string, unknown> = {};
  const methods = Object.assign(Object.create(null), {
    [rawValues]: values,
    // A copy, so that setting a key after build() cannot change what was built.
    safeBuild: () => validateValue(schema, { ...values }),
    build: () => unwrap(methods.safeBuild()),
  });
  const builder = new Proxy(methods, {
    get: (target, key) =>
      // Symbols and `then` (looked up by `await`) are not setters.
      key in target || typeof key === "symbol" || key === "then"
        ? target[key]
        : (value: unknown) => {
            values[key] = value;
            return builder;
          },
  });
  return builder;
}
