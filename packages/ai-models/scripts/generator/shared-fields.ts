/**
 * The fields that the object forms of a union have alike: a request that takes `prompt` or
 * `messages` repeats every other field in both forms. Both printers write such fields once:
 * the valibot printer as a declaration of entries that each form spreads, the type printer as
 * `({ prompt: string } | { messages: Messages }) & { ...fields }`.
 *
 * @module
 */
import type { Member, ObjectShape, Shape } from "./normalize.ts";

/** Fewer fields in common than this are written in each form (a declaration costs more). */
export const minimumSharedFields = 3;

/** A member's identity: its name, whether required, and its shape with default and doc. */
function memberKey(member: Member): string {
  return JSON.stringify(member);
}

/**
 * The members that every object option of a union has alike, in the first option's order;
 * none when fewer than two options are objects, when fewer than {@link minimumSharedFields}
 * are in common, or when an option would be left with no field of its own (the forms would no
 * longer tell themselves apart in print).
 */
export function sharedFields(options: Shape[]): Member[] {
  const objects = options.filter((option): option is ObjectShape => option.kind === "object");
  const [first, ...others] = objects;
  if (first === undefined || others.length === 0) return [];
  const keysOf = (object: ObjectShape) => new Set(object.properties.map(memberKey));
  const otherKeys = others.map(keysOf);
  const shared = first.properties.filter((member) =>
    otherKeys.every((keys) => keys.has(memberKey(member))),
  );
  if (shared.length < minimumSharedFields) return [];
  if (objects.some((object) => object.properties.length === shared.length)) return [];
  return shared;
}

/** An option without the shared fields (options that are not objects are returned as given). */
export function withoutFields(option: Shape, shared: Member[]): Shape {
  if (option.kind !== "object") return option;
  const keys = new Set(shared.map(memberKey));
  return {
    ...option,
    properties: option.properties.filter((member) => !keys.has(memberKey(member))),
  };
}
