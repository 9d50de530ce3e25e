import * as v from "valibot";

/**
 * Any JSON value that is not an object (string, number, boolean, null or array). A JSON
 * Schema with object keywords but no `type` (`{ properties: {...} }`) constrains objects
 * only and accepts every other value: the generator emits `v.union([object, nonObject()])`.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * v.is(nonObject(), "text"); // true
 * v.is(nonObject(), {}); // false
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function nonObject() {
  return v.union([v.string(), v.number(), v.boolean(), v.null(), v.array(v.unknown())]);
}
