import * as v from "valibot";

/** The length of a string in Unicode code points, as JSON Schema counts it. */
function codePointCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/**
 * JSON Schema's `minLength`: at least `minimum` code points (an emoji counts once, where
 * `v.minLength` counts two UTF-16 units).
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * v.is(v.pipe(v.string(), minCodePoints(1)), ""); // false
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function minCodePoints(minimum: number): v.CheckAction<string, string> {
  return v.check(
    (value) => codePointCount(value) >= minimum,
    `Expected at least ${minimum} characters`,
  );
}

/**
 * JSON Schema's `maxLength`: at most `maximum` code points.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * v.is(v.pipe(v.string(), maxCodePoints(2)), "😀😀"); // true
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function maxCodePoints(maximum: number): v.CheckAction<string, string> {
  return v.check(
    (value) => codePointCount(value) <= maximum,
    `Expected at most ${maximum} characters`,
  );
}
