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
  return customSchema<NonArraySchema<TWrapped>>(
    { type: "non_array", reference: nonArray, expects: wrapped.expects, wrapped },
    function (dataset, config, refuse) {
      return Array.isArray(dataset.value) ? refuse() : this.wrapped["~run"](dataset, config);
    },
  );
}

/** What {@link customSchema} runs: the dataset, checked; `refuse` adds this schema's issue. */
type Run<TSchema> = (
  this: TSchema,
  dataset: v.UnknownDataset,
  config: v.Config<v.BaseIssue<unknown>>,
  refuse: (other?: {
    expected?: string;
    received?: string;
  }) => v.OutputDataset<unknown, v.BaseIssue<unknown>>,
) => v.OutputDataset<unknown, v.BaseIssue<unknown>>;

/**
 * The one core of this package's own valibot schemas ({@link nonArray}, `oneOf`,
 * `jsonRecord`): a synchronous schema of `props` that runs `run`, whose `refuse` adds one
 * issue of the schema (`Invalid type: Expected <expects> but received <value>`) and returns
 * the dataset.
 */
/* @__NO_SIDE_EFFECTS__ */
export function customSchema<TSchema extends v.GenericSchema>(
  props: Omit<TSchema, "kind" | "async" | "~run" | "~standard" | "~types">,
  run: Run<TSchema>,
): TSchema {
  return v._standardSchema({
    kind: "schema",
    async: false,
    ...props,
    "~run"(dataset: v.UnknownDataset, config: v.Config<v.BaseIssue<unknown>>) {
      return run.call(this as never, dataset, config, (other) => {
        v._addIssue(this as never, "type", dataset, config, other);
        return dataset as unknown as v.OutputDataset<unknown, v.BaseIssue<unknown>>;
      });
    },
  } as never) as TSchema;
}
