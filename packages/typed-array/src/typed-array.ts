import type { StandardSchemaV1 } from "@standard-schema/spec";
import { ArrayBuilder } from "./array-builder.js";
import { builtValue, fluentBuilder } from "./fluent-builder.js";
import { TypedArrayError } from "./typed-array-error.js";
import type { BuilderFunction, InputOf, OutputOf, SafeResult } from "./types.js";
import { failure, unwrap, validateInPlace } from "./validate.js";

const ok = <T>(value: T): SafeResult<T> => ({ success: true, value });

// Array itself, typed without its static side: TypedArray.of and TypedArray.from take
// the schema first, so they cannot match Array.of and Array.from.
const ArrayOf: new <T>() => T[] = Array;

/** An index as `Array.prototype.splice` and `fill` read a relative start. */
const relative = (index: number | undefined, length: number) => {
  const integer = Math.trunc(index ?? 0) || 0;
  return integer < 0 ? Math.max(length + integer, 0) : Math.min(integer, length);
};

/**
 * A real `Array<T>` bound to a Standard Schema for `T` (valibot, zod, arktype, ...),
 * which never holds an invalid item.
 *
 * Every method that adds or replaces items (`push`, `unshift`, `splice`, `fill`, `set`,
 * `pushBuilder`) validates them first, stores the schema's output, and is atomic: when
 * an item is invalid it throws a {@link TypedArrayError} naming the index and the issue
 * paths, and the array is left exactly as it was. Each has a safe variant (`safePush`,
 * ...) that returns `{ success, value | issues }` instead of throwing.
 *
 * It reads as an array: iteration, `length`, `at`, `indexOf` and the rest work as on
 * any array. Methods that make a new array (`map`, `filter`, `slice`, `concat`, ...)
 * return plain arrays (`Symbol.species`). `Array.isArray`, `JSON.stringify`,
 * `structuredClone` and Workers RPC see a plain array, so it can be given to
 * `env.AI.run` as it is; the schema is held in a private field, invisible to them.
 *
 * Not validated: plain index assignment (`array[i] = x`) and growing `length`. Trapping
 * them needs a Proxy around every array, which makes every read and write slower (see
 * the package README for the measurement); use `set(i, x)` instead. Methods that only
 * reorder or remove items (`sort`, `reverse`, `copyWithin`, `pop`, `shift`) need no
 * validation.
 *
 * Schemas must validate synchronously: an asynchronous one gives `"async-schema"`.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TypedArray } from "@wai/typed-array";
 *
 * const Message = v.object({ role: v.picklist(["system", "user", "assistant"]), content: v.string() });
 * const messages = TypedArray.of(Message, { role: "system", content: "Be brief." });
 * messages.push({ role: "user", content: "Hello" });
 * messages.pushBuilder((m) => m.role("assistant").content("Hi!"));
 * console.log(Array.isArray(messages), JSON.stringify(messages.map((m) => m.role))); // true '["system","user","assistant"]'
 * ```
 */
export class TypedArray<T> extends ArrayOf<T> {
  /** Methods that make new arrays make plain ones: they are not bound to the schema. */
  static get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  readonly #schema: StandardSchemaV1<unknown, T>;

  /**
   * An empty array bound to `schema`. {@link TypedArray.of}, {@link TypedArray.from} and
   * {@link TypedArray.builder} are the usual ways to make one.
   */
  constructor(schema: StandardSchemaV1<unknown, T>) {
    super();
    this.#schema = schema;
  }

  /**
   * Makes a typed array of the given items, validated.
   *
   * @param schema - The schema of one item.
   * @param items - The items.
   * @throws {@link TypedArrayError} `"invalid-item"` (every invalid item's issues), or the
   *   schema's `"schema-error"` / `"async-schema"`.
   *
   * @example
   * ```ts
   * import * as v from "valibot";
   * import { TypedArray } from "@wai/typed-array";
   *
   * const scores = TypedArray.of(v.pipe(v.number(), v.minValue(0)), 3, 1, 2);
   * console.log(scores.toSorted()); // [1, 2, 3], a plain array
   * ```
   */
  static of<Schema extends StandardSchemaV1>(
    schema: Schema,
    ...items: InputOf<Schema>[]
  ): TypedArray<OutputOf<Schema>> {
    return TypedArray.from(schema, items);
  }

  /**
   * Makes a typed array of the items of an iterable, validated in one pass.
   *
   * @param schema - The schema of one item.
   * @param items - Any iterable: an array, a Set, a generator.
   * @throws {@link TypedArrayError} as {@link TypedArray.of} does.
   *
   * @example
   * ```ts
   * import { z } from "zod";
   * import { TypedArray } from "@wai/typed-array";
   *
   * const tags = TypedArray.from(z.string().toLowerCase(), new Set(["AI", "Workers"]));
   * console.log(tags); // ["ai", "workers"]
   * ```
   */
  static from<Schema extends StandardSchemaV1>(
    schema: Schema,
    items: Iterable<InputOf<Schema>>,
  ): TypedArray<OutputOf<Schema>> {
    return unwrap(TypedArray.safeFrom(schema, items));
  }

  /**
   * {@link TypedArray.from} that returns `{ success, value | issues }` and never throws.
   *
   * @example
   * ```ts
   * import * as v from "valibot";
   * import { TypedArray } from "@wai/typed-array";
   *
   * const result = TypedArray.safeFrom(v.number(), [1, "2"] as unknown[] as number[]);
   * if (!result.success) console.log(result.issues[0]?.path); // [1]
   * ```
   */
  static safeFrom<Schema extends StandardSchemaV1>(
    schema: Schema,
    items: Iterable<InputOf<Schema>>,
  ): SafeResult<TypedArray<OutputOf<Schema>>> {
    const array = new TypedArray<OutputOf<Schema>>(schema);
    // Element stores at the end, unvalidated until the one pass below.
    for (const item of items) (array as unknown[])[array.length] = item;
    const failed = validateInPlace(schema, array, 0);
    return failed ?? ok(array);
  }

  /**
   * Starts an {@link ArrayBuilder}: items are recorded as they are pushed and validated
   * once, in one pass over the final array, at `build()`.
   *
   * @param schema - The schema of one item.
   *
   * @example
   * ```ts
   * import * as v from "valibot";
   * import { TypedArray } from "@wai/typed-array";
   *
   * const Message = v.object({ role: v.string(), content: v.string() });
   * const messages = TypedArray.builder(Message)
   *   .push({ role: "system", content: "Be brief." })
   *   .pushBuilder((m) => m.role("user").content("Hello"))
   *   .build();
   * console.log(messages.length); // 2
   * ```
   */
  static builder<Schema extends StandardSchemaV1>(
    schema: Schema,
  ): ArrayBuilder<OutputOf<Schema>, InputOf<Schema>> {
    return new ArrayBuilder<OutputOf<Schema>, InputOf<Schema>>(
      schema,
      () => new TypedArray<OutputOf<Schema>>(schema),
    );
  }

  /** The schema every item was validated with. */
  get schema(): StandardSchemaV1<unknown, T> {
    return this.#schema;
  }

  /**
   * Validates `items` (a fresh array of ours) in place, as if stored from `index` on, then
   * applies `change` to the outputs; or returns the failure and changes nothing.
   */
  #apply<R>(items: T[], index: number, change: (outputs: T[]) => R): SafeResult<R> {
    return validateInPlace(this.#schema, items, index) ?? ok(change(items));
  }

  /**
   * Appends items, validated; atomic.
   *
   * @returns The new length.
   * @throws {@link TypedArrayError} when an item is invalid; nothing is appended.
   */
  override push(...items: T[]): number {
    // The hot path, written out: no closure, no result object.
    const failed = validateInPlace(this.#schema, items, this.length);
    if (failed) throw failed.error;
    return super.push(...items);
  }

  /** {@link TypedArray.push} that returns `{ success, value | issues }`. */
  safePush(...items: T[]): SafeResult<number> {
    return this.#apply(items, this.length, (outputs) => super.push(...outputs));
  }

  /**
   * Inserts items at the start, validated; atomic.
   *
   * @returns The new length.
   * @throws {@link TypedArrayError} when an item is invalid; nothing is inserted.
   */
  override unshift(...items: T[]): number {
    return unwrap(this.safeUnshift(...items));
  }

  /** {@link TypedArray.unshift} that returns `{ success, value | issues }`. */
  safeUnshift(...items: T[]): SafeResult<number> {
    return this.#apply(items, 0, (outputs) => super.unshift(...outputs));
  }

  /**
   * Removes and inserts items as `Array.prototype.splice` does, the inserted ones
   * validated first; atomic.
   *
   * @returns The removed items, as a plain array.
   * @throws {@link TypedArrayError} when an item is invalid; nothing is removed or inserted.
   */
  override splice(start: number, deleteCount?: number): T[];
  override splice(start: number, deleteCount: number, ...items: T[]): T[];
  override splice(start: number, ...rest: [number?, ...T[]]): T[] {
    return unwrap(this.safeSplice(start, ...(rest as [number, ...T[]])));
  }

  /** {@link TypedArray.splice} that returns `{ success, value | issues }`. */
  safeSplice(start: number, deleteCount?: number): SafeResult<T[]>;
  safeSplice(start: number, deleteCount: number, ...items: T[]): SafeResult<T[]>;
  safeSplice(start: number, ...rest: [number?, ...T[]]): SafeResult<T[]> {
    // splice(start) removes everything from start on; splice(start, undefined) nothing.
    if (rest.length === 0) return ok(super.splice(start));
    const [deleteCount, ...items] = rest as [number | undefined, ...T[]];
    return this.#apply(items, relative(start, this.length), (outputs) =>
      super.splice(start, deleteCount ?? 0, ...outputs),
    );
  }

  /**
   * Fills a range with one value, validated once; atomic.
   *
   * @returns This array.
   * @throws {@link TypedArrayError} when the value is invalid; nothing is changed.
   */
  override fill(value: T, start?: number, end?: number): this {
    return unwrap(this.safeFill(value, start, end));
  }

  /** {@link TypedArray.fill} that returns `{ success, value | issues }`. */
  safeFill(value: T, start?: number, end?: number): SafeResult<this> {
    return this.#apply([value], relative(start, this.length), ([output]) =>
      super.fill(output as T, start, end),
    );
  }

  /**
   * Replaces the item at `index` (negative counts from the end, as `at` does) with a
   * validated value: the validated counterpart of `array[index] = value`.
   *
   * @returns This array.
   * @throws {@link TypedArrayError} `"index-out-of-range"` or `"invalid-item"`; nothing is
   *   changed.
   *
   * @example
   * ```ts
   * import * as v from "valibot";
   * import { TypedArray } from "@wai/typed-array";
   *
   * const words = TypedArray.of(v.string(), "a", "b");
   * words.set(-1, "c");
   * console.log(words); // ["a", "c"]
   * ```
   */
  set(index: number, value: T): this {
    return unwrap(this.safeSet(index, value));
  }

  /** {@link TypedArray.set} that returns `{ success, value | issues }`. */
  safeSet(index: number, value: T): SafeResult<this> {
    const at = index < 0 ? index + this.length : index;
    if (!(Number.isInteger(at) && at >= 0 && at < this.length)) {
      return failure(
        new TypedArrayError(`Index ${index} is out of range for length ${this.length}`, {
          code: "index-out-of-range",
          index,
        }),
      );
    }
    return this.#apply([value], at, ([output]) => {
      this[at] = output as T;
      return this;
    });
  }

  /**
   * Appends an item made with a fluent builder of the item schema; validated once, as an
   * item, and atomic. Only for arrays of object types.
   *
   * @param make - Receives a fresh builder and returns it with the keys set (or returns
   *   any {@link Builder} of an item).
   * @returns The new length.
   * @throws {@link TypedArrayError} `"invalid-item"` naming the missing or invalid keys.
   *
   * @example
   * ```ts
   * import * as v from "valibot";
   * import { TypedArray } from "@wai/typed-array";
   *
   * const messages = TypedArray.of(v.object({ role: v.string(), content: v.string() }));
   * messages.pushBuilder((m) => m.role("user").content("hello"));
   * console.log(messages[0]); // { role: "user", content: "hello" }
   * ```
   */
  pushBuilder(
    this: [T] extends [object] ? TypedArray<T> : never,
    make: BuilderFunction<T, T>,
  ): number {
    return unwrap(this.safePushBuilder(make));
  }

  /** {@link TypedArray.pushBuilder} that returns `{ success, value | issues }`. */
  safePushBuilder(
    this: [T] extends [object] ? TypedArray<T> : never,
    make: BuilderFunction<T, T>,
  ): SafeResult<number> {
    const self = this as TypedArray<T>;
    return self.safePush(builtValue(make(fluentBuilder(self.#schema) as never)) as T);
  }
}
