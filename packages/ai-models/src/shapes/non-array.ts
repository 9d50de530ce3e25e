import * as v from "valibot";

/** The issue of {@link nonArray}: an array where an object was expected. */
export interface NonArrayIssue extends v.BaseIssue<unknown> {
  readonly kind: "schema";
  readonly type: "non_array";
  readonly expected: string;
}

/** The schema made by {@link nonArray}. */
export interface NonArraySchema<TWrapped extends v.GenericSchema>
  extends v.BaseSchema<
    v.InferInput<TWrapped>,
    v.InferOutput<TWrapped>,
    NonArrayIssue | v.InferIssue<TWrapped>
  > {
  readonly type: "non_array";
  readonly reference: typeof nonArray;
  readonly wrapped: TWrapped;
}

/**
 * JSON Schema's `type: "object"` excludes arrays, where valibot's object schemas accept
 * them; this wrapper rejects an array before the object schema runs.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * v.is(nonArray(v.looseObject({})), []); // false
 * v.is(nonArray(v.looseObject({})), {}); // true
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function nonArray<const TWrapped extends v.GenericSchema>(
  wrapped: TWrapped,
): NonArraySchema<TWrapped> {
  return v._standardSchema({
    kind: "schema",
    type: "non_array",
    reference: nonArray,
    expects: wrapped.expects,
    async: false,
    wrapped,
    "~run"(dataset, config) {
      if (Array.isArray(dataset.value)) {
        v._addIssue(this as never, "type", dataset, config, { received: "Array" });
        return dataset as unknown as v.OutputDataset<unknown, v.BaseIssue<unknown>>;
      }
      return this.wrapped["~run"](dataset, config);
    },
  } as Omit<NonArraySchema<TWrapped>, "~standard">) as NonArraySchema<TWrapped>;
}
