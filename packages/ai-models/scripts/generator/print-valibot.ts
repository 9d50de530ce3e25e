/**
 * Stage 4a of the generator: print the valibot schema of a {@link Shape}. Docs are not
 * printed here: the TypeScript type printed from the same shape beside the schema carries
 * them (what an editor shows), once.
 *
 * What JSON Schema means and valibot does not say alike is written by small helpers of
 * `src/shapes/`: `jsonObject` (an object that is not an array, unknown keys kept),
 * `jsonRecord` (a map that checks and keeps every own key), `oneOf` (exactly one option
 * matches; a plain `v.union` where the options cannot overlap), `binary`, `nonObject`,
 * `minCodePoints`/`maxCodePoints` (lengths in code points, as JSON Schema counts them) and
 * `asyncBatch`.
 *
 * @module
 */
import { camelCase, lowerFirst, pascalCase } from "./identifiers.ts";
import type { Imports } from "./imports.ts";
import type { Json } from "./json-schema.ts";
import type { NamedCatalog } from "./names.ts";
import type { LiteralValue, Member, ObjectShape, ScalarShape, Shape } from "./normalize.ts";
import { literal, propertyKey } from "./print-doc.ts";
import type { Direction } from "./read.ts";
import { sharedFields, withoutFields } from "./shared-fields.ts";
import { isLongList, type ValueLists } from "./value-lists.ts";

/**
 * Where the code that a printed declaration factors out goes (the entries that a union's
 * object forms share, see `shared-fields.ts`), and the names it takes: `base` for a union at
 * the root of the declaration, `<property>Fields` below a property.
 */
export class Scope {
  /** The declarations, in the order they must be written (each before its first use). */
  readonly declarations: string[] = [];
  readonly #base: string;
  readonly #taken: Set<string>;

  /** `taken`: the names already used in the module (scopes of one module share it). */
  constructor(base: string, taken: Set<string> = new Set()) {
    this.#base = base;
    this.#taken = taken;
  }

  /** Declares `const <name> = <code>;` and returns the name. */
  declare(at: string | undefined, code: string): string {
    const prefix = this.#base.replace(/Fields$/, "");
    const candidates =
      at === undefined
        ? [this.#base]
        : [`${camelCase(at)}Fields`, `${prefix}${pascalCase(at)}Fields`];
    let name = candidates.find((candidate) => !this.#taken.has(candidate));
    for (let suffix = 2; name === undefined; suffix++)
      if (!this.#taken.has(`${candidates[0]}${suffix}`)) name = `${candidates[0]}${suffix}`;
    this.#taken.add(name);
    this.declarations.push(
      `/** The fields that every form ${at === undefined ? "" : `of \`${at}\` `}shares. */\nconst ${name} = ${code};`,
    );
    return name;
  }
}

/** What a printer needs besides the shape. */
export interface PrintContext {
  direction: Direction;
  catalog: Pick<NamedCatalog, "shapes" | "groups"> & Partial<Pick<NamedCatalog, "forms">>;
  imports: Imports;
  /**
   * Set while printing the body of a shared shape that is a function of its defaults: the
   * names of its parameters (a defaulted property reads `defaults.name`, and nested shapes and
   * groups are handed `defaults`).
   */
  parameters?: Set<string> | undefined;
  /** Where shared fields are declared; without one, each form writes its fields. */
  scope?: Scope | undefined;
  /** The name of the property being printed (names what is declared below it). */
  at?: string | undefined;
  /** The module's long lists of values; without it, lists are written where they stand. */
  lists?: ValueLists | undefined;
}

/**
 * The argument of a call to a function of defaults: this use's (nothing when they are the
 * function's usual defaults, `{}` for none when it has usual ones), or the caller's parameter.
 */
function defaultsArgument(
  names: Iterable<string>,
  given: { [name: string]: Json },
  usual: { [name: string]: Json } | undefined,
  context: PrintContext,
): string {
  const wanted = new Set(names);
  if (wanted.size === 0) return "";
  if (context.parameters !== undefined) {
    if ([...wanted].some((name) => context.parameters?.has(name))) return "defaults";
    // None of ours: no defaults (nothing would give the callee its usual ones).
    return usual === undefined ? "" : "{}";
  }
  if (usual !== undefined && JSON.stringify(given) === JSON.stringify(usual)) return "";
  const entries = Object.entries(given)
    .filter(([name]) => wanted.has(name))
    .map(([name, value]) => `${propertyKey(name)}: ${literal(value)}`);
  return entries.length === 0 ? (usual === undefined ? "" : "{}") : `{ ${entries.join(", ")} }`;
}

/** The usual defaults of a function of defaults, as its parameter's default value. */
export function usualArgument(usual: { [name: string]: Json } | undefined): string {
  if (usual === undefined) return "{}";
  const entries = Object.entries(usual).map(
    ([name, value]) => `${propertyKey(name)}: ${literal(value)}`,
  );
  return `{ ${entries.join(", ")} }`;
}

/** The shared shape a reference names, and the module the printed code imports it from. */
export function sharedShapeOf(key: string, context: PrintContext) {
  const target = context.catalog.shapes.get(key);
  if (target === undefined) throw new Error(`no shared shape ${key}`);
  const { imports } = context;
  const module =
    target.folder === "shapes" ? imports.shapes(target.file) : imports.shared(target.file);
  return { target, module };
}

/** The valibot schema of a shape, as an expression. */
export function printSchema(shape: Shape, context: PrintContext): string {
  const { imports } = context;
  switch (shape.kind) {
    case "ref": {
      const { target, module } = sharedShapeOf(shape.key, context);
      if (target.parameters === undefined) return imports.value(target.schemaName, module);
      const call = imports.value(lowerFirst(target.typeName), module);
      return `${call}(${defaultsArgument(target.parameters.keys(), shape.defaults ?? {}, target.usual, context)})`;
    }
    case "asyncBatch": {
      const asyncBatch = imports.value("asyncBatch", imports.shapes("async-batch"));
      return `${asyncBatch}(${printSchema(shape.request, context)})`;
    }
    case "union":
      if (shape.forms !== undefined) return printFormsUse(shape.options, shape.forms, context);
      return printUnion(shape.options, shape.exactlyOne, context);
    case "literal":
      if (context.lists !== undefined && isLongList(shape.values))
        return `v.picklist(${context.lists.name(shape.values, context.at)})`;
      return printLiteral(shape.values);
    case "scalar":
      return printScalar(shape, context);
    case "array": {
      const actions: string[] = [];
      if (shape.minItems !== undefined) actions.push(`v.minLength(${shape.minItems})`);
      if (shape.maxItems !== undefined) actions.push(`v.maxLength(${shape.maxItems})`);
      return pipe(`v.array(${printSchema(shape.items, context)})`, actions);
    }
    case "object":
      return printObject(shape, context);
  }
}

function printUnion(options: Shape[], exactlyOne: boolean, context: PrintContext): string {
  const nonNull = options.filter((option) => !(option.kind === "scalar" && option.type === "null"));
  if (options.length === 2 && nonNull.length === 1)
    return `v.nullable(${printSchema(nonNull[0] as Shape, context)})`;
  const shared = context.scope === undefined ? [] : sharedFields(options);
  if (shared.length > 0 && context.scope !== undefined) {
    const fields = context.scope.declare(context.at, `{\n${printEntries(shared, context)}\n}`);
    const forms = options.map((option) => withoutFields(option, shared));
    return printForms(forms, exactlyOne, fields, context);
  }
  return printForms(options, exactlyOne, undefined, context);
}

/**
 * A union of forms: `oneOf([...])` (or `v.union` where they cannot overlap), each object form
 * spreading `spread`, the name of the entries they share, when given.
 */
export function printForms(
  options: Shape[],
  exactlyOne: boolean,
  spread: string | undefined,
  context: PrintContext,
): string {
  const print = (option: Shape) =>
    option.kind === "object" && spread !== undefined
      ? printObject(option, context, spread)
      : printSchema(option, context);
  const list = options.map((option) => `${print(option)},`).join("\n");
  if (!exactlyOne) return `v.union([\n${list}\n])`;
  const oneOf = context.imports.value("oneOf", context.imports.shapes("one-of"));
  return `${oneOf}([\n${list}\n])`;
}

/** A union written as shared request forms: `forms({ ...the fields this union adds })`. */
function printFormsUse(options: Shape[], key: string, context: PrintContext): string {
  const forms = context.catalog.forms?.get(key);
  if (forms === undefined) throw new Error(`no request forms ${key}`);
  const call = context.imports.value(forms.functionName, context.imports.shared(forms.file));
  // The request's own fields, and its own bounds of the groups' members (after the groups).
  const added = sharedFields(options).flatMap((member) =>
    "shape" in member ? [member] : (member.overrides ?? []),
  );
  return added.length === 0 ? `${call}({})` : `${call}({ ${printEntries(added, context)} })`;
}

function printLiteral(values: LiteralValue[]): string {
  const one = (value: LiteralValue) =>
    value === null ? "v.null()" : `v.literal(${literal(value)})`;
  if (values.length === 1) return one(values[0] as LiteralValue);
  if (values.every((value) => typeof value === "string" || typeof value === "number"))
    return `v.picklist([${values.map(literal).join(", ")}])`;
  return `v.union([${values.map(one).join(", ")}])`;
}

function printScalar(shape: ScalarShape, context: PrintContext): string {
  const { imports } = context;
  const actions: string[] = [];
  switch (shape.type) {
    case "binary":
      return `${imports.value("binary", imports.shapes("binary"))}()`;
    case "non-object":
      return `${imports.value("nonObject", imports.shapes("non-object"))}()`;
    case "unknown":
    case "never":
    case "boolean":
    case "null":
      return `v.${shape.type}()`;
    case "string": {
      const codePoints = imports.shapes("code-points");
      if (shape.minLength !== undefined)
        actions.push(`${imports.value("minCodePoints", codePoints)}(${shape.minLength})`);
      if (shape.maxLength !== undefined)
        actions.push(`${imports.value("maxCodePoints", codePoints)}(${shape.maxLength})`);
      if (shape.pattern !== undefined)
        actions.push(`v.regex(/${new RegExp(shape.pattern, "u").source}/u)`);
      return pipe("v.string()", actions);
    }
    case "number":
    case "integer": {
      if (shape.type === "integer") actions.push("v.integer()");
      if (shape.minimum !== undefined) actions.push(`v.minValue(${shape.minimum})`);
      if (shape.maximum !== undefined) actions.push(`v.maxValue(${shape.maximum})`);
      if (shape.exclusiveMinimum !== undefined)
        actions.push(`v.gtValue(${shape.exclusiveMinimum})`);
      if (shape.exclusiveMaximum !== undefined)
        actions.push(`v.ltValue(${shape.exclusiveMaximum})`);
      if (shape.multipleOf !== undefined) actions.push(`v.multipleOf(${shape.multipleOf})`);
      return pipe("v.number()", actions);
    }
  }
}

/** The entries of an object schema: one line a property, one spread a property group. */
export function printEntries(members: Member[], context: PrintContext): string {
  return members
    .map((member) => {
      if ("group" in member) {
        const group = context.catalog.groups.get(member.group);
        if (group === undefined) throw new Error(`no property group ${member.group}`);
        const overrides = member.overrides ?? [];
        // Every member overridden: the group gives the type only.
        if (overrides.length === group.members.length) return printEntries(overrides, context);
        const call = context.imports.value(group.functionName, context.imports.shared(group.file));
        const argument =
          context.direction === "input"
            ? defaultsArgument(group.defaulted, member.defaults, group.usual, context)
            : "";
        const own = overrides.length === 0 ? "" : `\n${printEntries(overrides, context)}`;
        return `...${call}(${argument}),${own}`;
      }
      let code = printSchema(member.shape, { ...context, at: member.name });
      if (!member.required) {
        const fallback =
          context.direction !== "input"
            ? ""
            : context.parameters !== undefined
              ? context.parameters.has(member.name)
                ? `, defaults${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(member.name) ? `.${member.name}` : `[${literal(member.name)}]`}`
                : ""
              : "default" in member.shape
                ? `, ${literal(member.shape.default ?? null)}`
                : "";
        code = `v.optional(${code}${fallback})`;
      }
      return `${propertyKey(member.name)}: ${code},`;
    })
    .join("\n");
}

/** An object schema; `spread` names declared entries that it shares with other forms. */
function printObject(shape: ObjectShape, context: PrintContext, spread?: string): string {
  const { imports } = context;
  const lines = [
    ...(shape.properties.length === 0 ? [] : [printEntries(shape.properties, context)]),
    ...(spread === undefined ? [] : [`...${spread},`]),
  ];
  // On one line: the formatter breaks it when it does not fit the width.
  const entries = lines.length === 0 ? "{}" : `{ ${lines.join(" ")} }`;
  let object: string;
  if (shape.rest === "closed") {
    object = `${imports.value("nonArray", imports.shapes("non-array"))}(v.strictObject(${entries}))`;
  } else if (shape.rest === "open") {
    object = `${imports.value("jsonObject", imports.shapes("json-object"))}(${entries})`;
  } else {
    if (shape.properties.length > 0)
      throw new Error("unsupported: named properties beside a schema for additionalProperties");
    const jsonRecord = imports.value("jsonRecord", imports.shapes("json-record"));
    object = `${jsonRecord}(${printSchema(shape.rest, context)})`;
  }
  const actions: string[] = [];
  if (shape.minProperties !== undefined) actions.push(`v.minEntries(${shape.minProperties})`);
  if (shape.maxProperties !== undefined) actions.push(`v.maxEntries(${shape.maxProperties})`);
  return pipe(object, actions);
}

function pipe(schema: string, actions: string[]): string {
  return actions.length === 0 ? schema : `v.pipe(${schema}, ${actions.join(", ")})`;
}
