import * as v from "valibot";

/** The issue of {@link oneOf}: no option, or more than one option, matched. */
export interface OneOfIssue extends v.BaseIssue<unknown> {
  readonly kind: "schema";
  readonly type: "one_of";
  readonly expected: string;
}

/** The schema made by {@link oneOf}. */
export interface OneOfSchema<TOptions extends v.UnionOptions>
  extends v.BaseSchema<
    v.InferInput<TOptions[number]>,
    v.InferOutput<TOptions[number]>,
    OneOfIssue | v.InferIssue<TOptions[number]>
  > {
  readonly type: "one_of";
  readonly reference: typeof oneOf;
  readonly options: TOptions;
}

/**
 * JSON Schema's `oneOf`: the value must match EXACTLY one option (a `v.union` accepts a
 * value that matches several). The generator uses it where the options can overlap; where
 * they cannot (different JSON types), it emits a plain `v.union`.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * const input = oneOf([
 *   v.looseObject({ prompt: v.string() }),
 *   v.looseObject({ messages: v.array(v.unknown()) }),
 * ]);
 * v.is(input, { prompt: "hi" }); // true
 * v.is(input, { prompt: "hi", messages: [] }); // false: both options match
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function oneOf<const TOptions extends v.UnionOptions>(
  options: TOptions,
): OneOfSchema<TOptions> {
  const union = v.union(options);
  return v._standardSchema({
    kind: "schema",
    type: "one_of",
    reference: oneOf,
    expects: union.expects,
    async: false,
    options,
    "~run"(dataset, config) {
      let match: v.OutputDataset<unknown, v.BaseIssue<unknown>> | undefined;
      let matches = 0;
      for (const option of this.options) {
        const result = option["~run"]({ value: dataset.value }, config);
        if (result.typed && !result.issues) {
          matches++;
          match ??= result;
        }
      }
      if (matches === 1 && match) return match;
      if (matches === 0) return union["~run"](dataset, config);
      v._addIssue(this as never, "type", dataset, config, {
        expected: "exactly one option to match",
        received: `${matches} matching options`,
      });
      return dataset as unknown as v.OutputDataset<unknown, v.BaseIssue<unknown>>;
    },
  } as Omit<OneOfSchema<TOptions>, "~standard">) as OneOfSchema<TOptions>;
}
