import * as v from "valibot";
import { customSchema } from "./non-array.js";

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
  return customSchema<OneOfSchema<TOptions>>(
    { type: "one_of", reference: oneOf, expects: union.expects, options },
    function (dataset, config, refuse) {
      const matches = this.options
        .map((option) => option["~run"]({ value: dataset.value }, config))
        .filter((result) => result.typed && !result.issues);
      if (matches.length > 1) {
        return refuse({
          expected: "exactly one option to match",
          received: `${matches.length} matching options`,
        });
      }
      return matches[0] ?? union["~run"](dataset, config);
    },
  );
}
