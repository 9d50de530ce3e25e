/**
 * Stage 4b of the generator: print the TypeScript type of a {@link Shape}: what
 * `AiModelCatalog` and the models' types refer to, so that a client's checker reads a named
 * type instead of instantiating valibot's.
 *
 * The same reading as the valibot printer, with what types cannot say left out: numeric and
 * length bounds, patterns, `oneOf`'s "exactly one" (a union), and the unknown keys of open
 * objects (kept at run time, not named by the type, so that a misspelt field is a
 * compile-time error). Inputs are typed as `@cloudflare/workers-types` declares the
 * binding's: mutable arrays, optional fields `?: T`, binary as `string`. Outputs have
 * optional fields `?: T | undefined` (safe under `exactOptionalPropertyTypes`) and binary as
 * `BinaryValue`.
 *
 * @module
 */
import type { Member, ObjectShape, Shape } from "./normalize.ts";
import { docComment, literal, propertyKey } from "./print-doc.ts";
import { type PrintContext, sharedShapeOf } from "./print-valibot.ts";
import { sharedFields, withoutFields } from "./shared-fields.ts";
import { isLongList } from "./value-lists.ts";

/** The TypeScript type of a shape. */
export function printType(shape: Shape, context: PrintContext): string {
  const { imports } = context;
  switch (shape.kind) {
    case "ref": {
      const { target, module } = sharedShapeOf(shape.key, context);
      return imports.type(target.typeName, module);
    }
    case "asyncBatch":
      return `${imports.type("AsyncBatch", imports.shapes("async-batch"))}<${printType(shape.request, context)}>`;
    case "union": {
      if (shape.forms !== undefined) {
        // Shared request forms, and the fields this union adds.
        const forms = context.catalog.forms?.get(shape.forms);
        if (forms === undefined) throw new Error(`no request forms ${shape.forms}`);
        const type = imports.type(forms.typeName, imports.shared(forms.file));
        const added = sharedFields(shape.options).filter((member) => "shape" in member);
        if (added.length === 0) return type;
        return `${type} & ${printType({ kind: "object", properties: added, rest: "closed" }, context)}`;
      }
      const shared = sharedFields(shape.options);
      if (shared.length > 0) {
        // `({ prompt: string } | { messages: Messages }) & { ...the fields both forms have }`
        const objects = shape.options.filter((option) => option.kind === "object");
        const others = shape.options.filter((option) => option.kind !== "object");
        const forms = printType(
          { ...shape, options: objects.map((option) => withoutFields(option, shared)) },
          context,
        );
        const fields = printType({ kind: "object", properties: shared, rest: "closed" }, context);
        const factored = `(${forms}) & ${fields}`;
        if (others.length === 0) return factored;
        return [`(${factored})`, ...others.map((option) => printType(option, context))].join(" | ");
      }
      if (shape.options.every((option) => option.doc === undefined))
        return shape.options.map((option) => printType(option, context)).join(" | ");
      return shape.options
        .map((option) => `\n${docComment(option.doc)}| ${printType(option, context)}`)
        .join("");
    }
    case "literal":
      if (context.lists !== undefined && isLongList(shape.values))
        return `(typeof ${context.lists.name(shape.values, context.at)})[number]`;
      return shape.values.map(literal).join(" | ");
    case "array": {
      const items = printType(shape.items, context);
      // Mutable, as `@cloudflare/workers-types` declares the binding's inputs: a readonly
      // array is not assignable to the binding's `run` parameter.
      return /^[A-Za-z0-9_$.]+$/.test(items) ? `${items}[]` : `(${items})[]`;
    }
    case "object": {
      const { body, groups, index } = objectParts(shape, context);
      const parts = [body, ...groups, index].filter((part) => part !== undefined);
      return parts.length === 0 ? "Record<string, never>" : parts.join(" & ");
    }
    case "scalar":
      switch (shape.type) {
        case "binary":
          // Binary inputs reach the service as JSON strings (the binding serializes inputs);
          // binary outputs come as bytes or streams.
          return context.direction === "output"
            ? imports.type("BinaryValue", imports.shapes("binary"))
            : "string";
        case "integer":
          return "number";
        case "non-object":
          return "string | number | boolean | null | unknown[]";
        default:
          return shape.type;
      }
  }
}

/** The members of an object type, one line each, with their docs. */
export function printMembers(members: Member[], context: PrintContext): string {
  return members
    .filter((member) => "shape" in member)
    .map((member) => {
      const { shape, doc } = memberDoc(member.shape);
      const type = printType(shape, { ...context, at: member.name });
      const optional = context.direction === "input" ? `?: ${type}` : `?: ${type} | undefined`;
      const field = `${propertyKey(member.name)}${member.required ? `: ${type}` : optional};`;
      return `${docComment(doc)}${field}`;
    })
    .join("\n");
}

/**
 * The doc of a member, with the docs of its union's options appended (one doc a member: a
 * comment between a key and its type would not fit the line width), and the shape without
 * them.
 */
function memberDoc(shape: Shape): { shape: Shape; doc: string | undefined } {
  if (shape.kind === "array" && shape.items.kind === "union") {
    const items = memberDoc(shape.items);
    if (items.doc === shape.items.doc) return { shape, doc: shape.doc };
    const own = shape.doc === undefined ? [] : [shape.doc.replace(/\.?$/, ".")];
    return {
      shape: { ...shape, items: items.shape },
      doc: [...own, `Items: ${items.doc}`].join(" "),
    };
  }
  if (shape.kind !== "union" || shape.options.every((option) => option.doc === undefined))
    return { shape, doc: shape.doc };
  const options = shape.options.map(({ doc: _, ...option }) => option as Shape);
  const docs = shape.options.flatMap((option) => (option.doc === undefined ? [] : [option.doc]));
  const own = shape.doc === undefined ? [] : [shape.doc.replace(/\.?$/, ".")];
  return {
    shape: { ...shape, options },
    doc: [...own, docs.map((doc) => doc.replace(/\.?$/, ".")).join(" Or: ")].join(" "),
  };
}

/**
 * An object type in parts: its own members (`{ ... }`), the property groups it uses (their
 * type names), and its index signature when other keys are typed (a map, or an object that
 * names no key).
 */
export function objectParts(
  shape: ObjectShape,
  context: PrintContext,
): { body?: string | undefined; groups: string[]; index?: string | undefined } {
  const own = shape.properties.filter((member) => "shape" in member);
  const groups = shape.properties.flatMap((member) => {
    if (!("group" in member)) return [];
    const group = context.catalog.groups.get(member.group);
    if (group === undefined) throw new Error(`no property group ${member.group}`);
    return [context.imports.type(group.typeName, context.imports.shared(group.file))];
  });
  const rest =
    typeof shape.rest === "object"
      ? printType(shape.rest, context)
      : shape.properties.length === 0 && shape.rest === "open"
        ? "unknown"
        : undefined;
  return {
    body: own.length === 0 ? undefined : objectBody(printMembers(own, context)),
    groups,
    index: rest === undefined ? undefined : `{ [key: string]: ${rest} }`,
  };
}

/**
 * `{ ... }` around members: on one line when no member has a doc (the formatter breaks it when
 * it does not fit), else one member a line.
 */
function objectBody(members: string): string {
  return members.includes("/**") ? `{\n${members}\n}` : `{ ${members.replace(/\n/g, " ")} }`;
}

/**
 * `export interface Name ...` for an object type without index signature (cheaper for the
 * checker, and groups become `extends`), else `export type Name = ...;`.
 */
export function printTypeDeclaration(name: string, shape: Shape, context: PrintContext): string {
  if (shape.kind === "object") {
    const { body, groups, index } = objectParts(shape, context);
    if (index === undefined && (body !== undefined || groups.length > 0)) {
      const heritage = groups.length > 0 ? ` extends ${groups.join(", ")}` : "";
      return `export interface ${name}${heritage} ${body ?? "{}"}`;
    }
  }
  return `export type ${name} = ${printType(shape, context)};`;
}
