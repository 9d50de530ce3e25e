import * as v from "valibot";
import { type NonArraySchema, nonArray } from "./non-array.js";

/**
 * JSON Schema's `{ type: "object", properties }`: an object (not an array) with these
 * entries, unknown keys kept. The generated models write every open object this way.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * const message = jsonObject({ role: v.string() });
 * v.parse(message, { role: "user", name: "Ada" }); // { role: "user", name: "Ada" }
 * v.is(message, [{ role: "user" }]); // false
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function jsonObject<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
): NonArraySchema<v.LooseObjectSchema<TEntries, undefined>> {
  return nonArray(v.looseObject(entries));
}
