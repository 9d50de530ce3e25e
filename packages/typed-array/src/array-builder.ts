import type { StandardSchemaV1 } from "@standard-schema/spec";
import { builtValue, fluentBuilder } from "./fluent-builder.js";
import type { TypedArray } from "./typed-array.js";
import type { Builder, BuilderFunction, SafeResult } from "./types.js";
import { unwrap, validateInPlace } from "./validate.js";

/**
 * Builds a {@link TypedArray} in one pass: `push` and `pushBuilder` only record items,
 * straight into the array being built, and `build()` validates them all once, in place,
 * with no intermediate array. Made by {@link TypedArray.builder}.
 *
 * `build()` hands the array over and leaves the builder empty, ready for another array;
 * so does a failed build, which returns nothing half-built.
 *
 * @typeParam T - The item type (the schema's output).
 * @typeParam Input - What may be pushed (the schema's input).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TypedArray } from "@wai/typed-array";
 *
 * const builder = TypedArray.builder(v.object({ role: v.string(), content: v.string() }));
 * for (const line of ["Hello", "How are you?"]) builder.push({ role: "user", content: line });
 * const messages = builder.pushBuilder((m) => m.role("assistant").content("Fine.")).build();
 * console.log(messages.length); // 3
 * ```
 */
export class ArrayBuilder<T, Input = T> implements Builder<TypedArray<T>> {
  readonly #schema: StandardSchemaV1<Input, T>;
  readonly #newArray: () => TypedArray<T>;
  // The array being built. Items go in with Array's own push, unvalidated until build().
  #items: TypedArray<T>;

  /**
   * Use {@link TypedArray.builder}, which makes one.
   *
   * @param schema - The schema of one item.
   * @param newArray - Makes an empty typed array bound to `schema` (given by
   *   `TypedArray.builder`, so that this module does not import the class it builds).
   */
  constructor(schema: StandardSchemaV1<Input, T>, newArray: () => TypedArray<T>) {
    this.#schema = schema;
    this.#newArray = newArray;
    this.#items = newArray();
  }

  /** Records items, unvalidated until `build()`. */
  push(...items: Input[]): this {
    const array: unknown[] = this.#items;
    // An element store at the end: far cheaper than calling Array.prototype.push.
    for (let i = 0; i < items.length; i++) array[array.length] = items[i];
    return this;
  }

  /**
   * Records an item made with a fluent builder of the item schema. The builder's values
   * are recorded as they are, to be validated once with the rest at `build()`.
   *
   * @param make - Receives a fresh builder and returns it with the keys set.
   */
  pushBuilder(
    this: [Input] extends [object] ? ArrayBuilder<T, Input> : never,
    make: BuilderFunction<Input, T>,
  ): ArrayBuilder<T, Input> {
    const self = this as ArrayBuilder<T, Input>;
    self.push(builtValue(make(fluentBuilder(self.#schema) as never)) as Input);
    return self;
  }

  /**
   * Validates every recorded item once, in place, and returns the array.
   *
   * @throws {@link TypedArrayError} `"invalid-item"` with the issues of every invalid
   *   item, each path starting with its index; the builder is then empty.
   */
  build(): TypedArray<T> {
    return unwrap(this.safeBuild());
  }

  /** {@link ArrayBuilder.build} that returns `{ success, value | issues }`. */
  safeBuild(): SafeResult<TypedArray<T>> {
    const items = this.#items;
    this.#items = this.#newArray();
    return validateInPlace(this.#schema, items, 0) ?? { success: true, value: items };
  }
}
