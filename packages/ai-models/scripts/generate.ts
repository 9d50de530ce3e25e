/**
 * Generates the model catalog from the model data in `data/*.json`:
 *
 * - `src/models/<model>.ts`: one module per model (id, task, description, capabilities,
 *   valibot schemas of input and output, faithful to the JSON Schemas, and the plain
 *   TypeScript types `<Model>Input` / `<Model>Output` printed from the same schemas);
 * - `src/models/shared/<shape>.ts`: sub-schemas that several models repeat, written once
 *   (the most repeated ones are written by hand in `src/shapes/` instead, see
 *   `handWrittenShapes`, and imported from there);
 * - `src/models/index.ts`, `src/models/catalog.ts` (type-level id -> types map) and
 *   `src/registry.ts` (run-time registry by id).
 *
 * Usage: `node scripts/generate.ts` (writes into `src/`), `node scripts/generate.ts --check`
 * (exits 1 when the committed files differ from a fresh run), `--out <dir>` (writes there),
 * `--where` (prints where each shared shape first stands in the data, as a model id and a
 * JSON pointer: what a hand-written shape names in `handWrittenShapes`).
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { type Json, type JsonSchema, type ModelFile, readModels } from "./model-data.ts";

type Direction = "input" | "output";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageDir, "../..");

/** Keywords that carry no validation meaning: left out of fingerprints and of code. */
const annotations = new Set(["description", "title", "examples", "contentType", "deprecated"]);
/** Sub-schemas whose canonical text is shorter than this are never shared. */
const minimumSharedLength = 150;

// ---------------------------------------------------------------------------------------
// Data

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}

function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
}

function camelCase(text: string): string {
  const parts = words(text);
  const name = parts
    .map((word, index) =>
      index === 0
        ? word.charAt(0).toLowerCase() + word.slice(1)
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join("");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

function pascalCase(text: string): string {
  const name = camelCase(text);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function kebabCase(text: string): string {
  return words(text.replace(/([a-z0-9])([A-Z])/g, "$1-$2"))
    .map((word) => word.toLowerCase())
    .join("-");
}

// ---------------------------------------------------------------------------------------
// Canonical form and fingerprints

function isSchema(value: Json | undefined): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema with annotations removed, keys sorted, and a parent's `type` pushed into typeless `oneOf`/`anyOf` options. */
function canonical(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(canonical);
  if (!isSchema(schema)) return schema;
  const out: JsonSchema = {};
  for (const key of Object.keys(schema).sort()) {
    if (annotations.has(key)) continue;
    const value = schema[key] as Json;
    if (key === "properties" && isSchema(value)) {
      const properties: JsonSchema = {};
      for (const name of Object.keys(value).sort())
        properties[name] = canonical(value[name] as Json);
      out[key] = properties;
    } else if (key === "enum" || key === "const" || key === "default" || key === "required") {
      out[key] = value;
    } else {
      out[key] = canonical(value);
    }
  }
  return out;
}

function fingerprint(direction: Direction, schema: JsonSchema): string {
  return `${direction}:${JSON.stringify(canonical(schema))}`;
}

/** The children of a schema, with a name hint for each. */
function children(schema: JsonSchema, hint: string): [JsonSchema, string][] {
  const out: [JsonSchema, string][] = [];
  const properties = schema.properties;
  if (isSchema(properties)) {
    for (const [name, child] of Object.entries(properties))
      if (isSchema(child)) out.push([child, name]);
  }
  if (isSchema(schema.items)) out.push([schema.items, `${hint}Item`]);
  if (isSchema(schema.additionalProperties))
    out.push([schema.additionalProperties, `${hint}Value`]);
  for (const key of ["oneOf", "anyOf"]) {
    const options = schema[key];
    if (Array.isArray(options)) {
      options.forEach((option, index) => {
        if (isSchema(option)) {
          const title = typeof option.title === "string" ? option.title : `${hint}${index + 1}`;
          out.push([withParentType(schema, option), title]);
        }
      });
    }
  }
  return out;
}

/** `{type: T, oneOf: [A, B]}` is `oneOf: [A and type T, B and type T]` (allOf distributes over oneOf). */
function withParentType(parent: JsonSchema, option: JsonSchema): JsonSchema {
  if (parent.type === undefined || option.type !== undefined) return option;
  return { ...option, type: parent.type };
}

interface SharedShape {
  /** The name of the schema constant. */
  name: string;
  /** The name of the printed type. */
  typeName: string;
  /** The module: `src/models/shared/<file>.ts`, or `src/shapes/<file>.ts` when written by hand. */
  file: string;
  /** Written by hand in `src/shapes/` (see {@link handWrittenShapes}), not generated. */
  handWritten?: boolean;
  schema: JsonSchema;
  direction: Direction;
}

/**
 * The shapes that the catalog repeats most, written by hand in `src/shapes/` (named and
 * documented for people, and reused by the chat layer): each stands for the data's
 * sub-schema at `at` (a model id and a JSON pointer into its `schema`), and every sub-schema
 * with the same fingerprint imports it. The differential tests check them like generated
 * code, for every model that uses them.
 */
const handWrittenShapes: {
  file: string;
  name: string;
  typeName: string;
  at: [model: string, pointer: string];
}[] = [
  {
    file: "tools",
    name: "toolFunctionSchema",
    typeName: "ToolFunction",
    at: [
      "@cf/aisingapore/gemma-sea-lion-v4-27b-it",
      "/input/oneOf/1/properties/tools/items/oneOf/0",
    ],
  },
  {
    file: "tools",
    name: "toolsSchema",
    typeName: "Tools",
    at: ["@cf/aisingapore/gemma-sea-lion-v4-27b-it", "/input/oneOf/1/properties/tools"],
  },
  {
    file: "messages",
    name: "messagesSchema",
    typeName: "Messages",
    at: ["@cf/meta/llama-3.1-8b-instruct", "/input/oneOf/1/properties/messages"],
  },
  {
    file: "usage",
    name: "usageSchema",
    typeName: "Usage",
    at: ["@cf/aisingapore/gemma-sea-lion-v4-27b-it", "/output/oneOf/0/properties/usage"],
  },
  {
    file: "tool-calls",
    name: "toolCallSchema",
    typeName: "ToolCall",
    at: [
      "@cf/aisingapore/gemma-sea-lion-v4-27b-it",
      "/output/oneOf/0/properties/choices/items/properties/message/properties/tool_calls/items",
    ],
  },
  {
    file: "chat-completions-request",
    name: "chatCompletionsFunctionSchema",
    typeName: "ChatCompletionsFunction",
    at: [
      "@cf/deepseek-ai/deepseek-v4-flash-0731",
      "/input/anyOf/0/oneOf/0/properties/tools/items/oneOf/0/properties/function",
    ],
  },
  {
    file: "chat-completions-request",
    name: "chatCompletionsToolsSchema",
    typeName: "ChatCompletionsTools",
    at: ["@cf/deepseek-ai/deepseek-v4-flash-0731", "/input/anyOf/0/oneOf/0/properties/tools"],
  },
  {
    file: "chat-completions-request",
    name: "chatCompletionsToolChoiceSchema",
    typeName: "ChatCompletionsToolChoice",
    at: ["@cf/deepseek-ai/deepseek-v4-flash-0731", "/input/anyOf/0/oneOf/0/properties/tool_choice"],
  },
  {
    file: "chat-completions-request",
    name: "chatCompletionsResponseFormatSchema",
    typeName: "ChatCompletionsResponseFormat",
    at: [
      "@cf/deepseek-ai/deepseek-v4-flash-0731",
      "/input/anyOf/0/oneOf/0/properties/response_format",
    ],
  },
  {
    file: "chat-completions",
    name: "chatCompletionsChoicesSchema",
    typeName: "ChatCompletionsChoices",
    at: ["@cf/deepseek-ai/deepseek-v4-flash-0731", "/output/oneOf/0/properties/choices"],
  },
  {
    file: "chat-completions",
    name: "chatCompletionsUsageSchema",
    typeName: "ChatCompletionsUsage",
    at: ["@cf/deepseek-ai/deepseek-v4-flash-0731", "/output/oneOf/0/properties/usage"],
  },
];

/** The sub-schema at a JSON pointer into a model's `schema` (a `oneOf` option with its parent's type). */
function resolvePointer(model: ModelFile, pointer: string): [JsonSchema, Direction] {
  const steps = pointer.split("/").slice(1);
  const direction = steps[0];
  if (direction !== "input" && direction !== "output")
    throw new Error(`hand-written shape: ${pointer} does not start with /input or /output`);
  let node: Json | undefined = model.schema?.[direction];
  let parent: JsonSchema | undefined;
  for (const [index, step] of steps.slice(1).entries()) {
    const previous = steps[index];
    if (Array.isArray(node)) node = node[Number(step)];
    else if (isSchema(node)) {
      if (previous !== "properties") parent = node;
      node = node[step];
    } else node = undefined;
    if (isSchema(node) && parent && (previous === "oneOf" || previous === "anyOf"))
      node = withParentType(parent, node);
  }
  if (!isSchema(node)) throw new Error(`hand-written shape: nothing at ${model.name}#${pointer}`);
  return [node, direction];
}

/** Finds the sub-schemas that several models repeat; each becomes one shared module. */
function findSharedShapes(models: ModelFile[]): Map<string, SharedShape> {
  const handWritten = new Map<string, SharedShape>();
  for (const shape of handWrittenShapes) {
    const model = models.find((m) => m.name === shape.at[0]);
    if (model === undefined) throw new Error(`hand-written shape: no model ${shape.at[0]}`);
    const [schema, direction] = resolvePointer(model, shape.at[1]);
    handWritten.set(fingerprint(direction, schema), {
      name: shape.name,
      typeName: shape.typeName,
      file: shape.file,
      handWritten: true,
      schema,
      direction,
    });
  }
  const seen = new Map<
    string,
    { models: Set<string>; uses: number; schema: JsonSchema; hint: string; direction: Direction }
  >();
  const visit = (schema: JsonSchema, hint: string, direction: Direction, model: string) => {
    const key = fingerprint(direction, schema);
    if (key.length >= minimumSharedLength) {
      const entry = seen.get(key) ?? {
        models: new Set<string>(),
        uses: 0,
        schema,
        hint,
        direction,
      };
      entry.models.add(model);
      entry.uses++;
      seen.set(key, entry);
    }
    for (const [child, childHint] of children(schema, hint))
      visit(child, childHint, direction, model);
  };
  for (const model of models) {
    for (const direction of ["input", "output"] as const) {
      const schema = model.schema?.[direction];
      if (isSchema(schema) && Object.keys(schema).length > 0)
        visit(schema, direction, direction, model.name);
    }
  }
  const shared = new Set(
    // Repeated across models, or twice within one (a oneOf's branches often repeat a shape).
    [...seen].filter(([, entry]) => entry.uses >= 2).map(([key]) => key),
  );
  for (const key of handWritten.keys()) shared.add(key);
  // A shared sub-schema referenced from one place only is inlined there: repeat until stable.
  for (;;) {
    const references = new Map<string, number>();
    const count = (schema: JsonSchema, direction: Direction, root: boolean) => {
      const key = fingerprint(direction, schema);
      if (!root && shared.has(key)) {
        references.set(key, (references.get(key) ?? 0) + 1);
        return;
      }
      for (const [child] of children(schema, "")) count(child, direction, false);
    };
    for (const model of models) {
      for (const direction of ["input", "output"] as const) {
        const schema = model.schema?.[direction];
        if (isSchema(schema) && Object.keys(schema).length > 0) {
          const key = fingerprint(direction, schema);
          if (shared.has(key)) references.set(key, (references.get(key) ?? 0) + 1);
          else count(schema, direction, true);
        }
      }
    }
    for (const key of shared) {
      const entry = seen.get(key) ?? handWritten.get(key);
      if (entry) count(entry.schema, entry.direction, true);
    }
    const single = [...shared].filter(
      (key) => !handWritten.has(key) && (references.get(key) ?? 0) < 2,
    );
    if (single.length === 0) break;
    for (const key of single) shared.delete(key);
  }
  const out = new Map<string, SharedShape>(handWritten);
  const names = new Set<string>(handWrittenShapes.map((shape) => shape.name));
  for (const [key, entry] of seen) {
    if (!shared.has(key) || handWritten.has(key)) continue;
    let base = `${camelCase(entry.hint)}${entry.direction === "input" ? "" : "Output"}Schema`;
    if (base === "inputSchema" || base === "outputOutputSchema") base = `${entry.direction}Schema`;
    let name = base;
    for (let suffix = 2; names.has(name); suffix++) name = `${base}${suffix}`;
    names.add(name);
    let typeName = pascalCase(name.replace(/Schema([0-9]*)$/, "$1"));
    // Never shadow a global (`Function`, `Response`...).
    if (typeName in globalThis) typeName = `${typeName}Shape`;
    out.set(key, {
      name,
      typeName,
      file: kebabCase(name),
      schema: entry.schema,
      direction: entry.direction,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Emitting valibot code

function literal(value: Json): string {
  return JSON.stringify(value);
}

function literalType(value: Json): string {
  if (value !== null && typeof value === "object")
    throw new Error("unsupported object literal in enum/const");
  return JSON.stringify(value);
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function comment(text: Json | undefined, indent = ""): string {
  if (typeof text !== "string" || text.trim() === "") return "";
  const clean = text.replace(/\*\//g, "* /").replace(/\s+/g, " ").trim();
  return `${indent}/** ${clean} */\n`;
}

/** The JSON types a schema admits, or undefined when it admits any. */
function admittedTypes(schema: JsonSchema): Set<string> | undefined {
  const options = (schema.oneOf ?? schema.anyOf) as Json | undefined;
  if (Array.isArray(options)) {
    const all = new Set<string>();
    for (const option of options) {
      if (!isSchema(option)) return undefined;
      const types = admittedTypes(withParentType(schema, option));
      if (types === undefined) return undefined;
      for (const type of types) all.add(type);
    }
    return all;
  }
  if (Array.isArray(schema.enum)) {
    return new Set(
      schema.enum.map((value) =>
        value === null ? "null" : Array.isArray(value) ? "array" : typeof value,
      ),
    );
  }
  const type = schema.type;
  if (typeof type === "string") return new Set(type === "integer" ? ["number"] : [type]);
  if (Array.isArray(type))
    return new Set(type.map((t) => (t === "integer" ? "number" : String(t))));
  return undefined;
}

/** True when no value can match two of the options (their JSON types do not overlap). */
function disjoint(options: JsonSchema[]): boolean {
  const seenTypes = new Set<string>();
  for (const option of options) {
    const types = admittedTypes(option);
    if (types === undefined) return false;
    for (const type of types) {
      if (seenTypes.has(type)) return false;
      seenTypes.add(type);
    }
  }
  return true;
}

/**
 * The request schema of an async batch (`{ requests: Request[] }`, required, nothing else):
 * the shape `src/shapes/async-batch.ts` writes by hand.
 */
function asyncBatchOf(schema: JsonSchema): { request: JsonSchema } | undefined {
  if (schema.type !== "object" || !isSchema(schema.properties)) return undefined;
  const semantic = Object.keys(schema).filter((k) => !annotations.has(k));
  if (semantic.some((k) => !["type", "properties", "required"].includes(k))) return undefined;
  const names = Object.keys(schema.properties);
  const requests = schema.properties.requests;
  if (names.length !== 1 || !isSchema(requests) || !isSchema(requests.items)) return undefined;
  if (Object.keys(requests).some((k) => !annotations.has(k) && k !== "type" && k !== "items"))
    return undefined;
  if (requests.type !== "array") return undefined;
  const required = Array.isArray(schema.required) ? schema.required : [];
  if (required.length !== 1 || required[0] !== "requests") return undefined;
  return { request: requests.items };
}

class Emitter {
  /** Value imports of the schema code: name -> module. */
  readonly imports = new Map<string, string>();
  /** Type imports of the printed types: name -> module. */
  readonly typeImports = new Map<string, string>();
  readonly direction: Direction;
  readonly shared: Map<string, SharedShape>;
  readonly importPrefix: string;
  readonly self: string | undefined;
  constructor(
    direction: Direction,
    shared: Map<string, SharedShape>,
    importPrefix: string,
    self?: string,
  ) {
    this.direction = direction;
    this.shared = shared;
    this.importPrefix = importPrefix;
    this.self = self;
  }

  private use(name: string, from: string): string {
    this.imports.set(name, from);
    return name;
  }

  private moduleOf(shape: SharedShape): string {
    return shape.handWritten
      ? `${this.importPrefix}../shapes/${shape.file}.js`
      : `${this.importPrefix}shared/${shape.file}.js`;
  }

  private useType(name: string, from: string): string {
    this.typeImports.set(name, from);
    return name;
  }

  /**
   * The TypeScript type of the values a schema admits, printed as plain TypeScript (no
   * valibot inference): what `AiModelCatalog` and the models' types refer to, so that a
   * client's checker reads a named type instead of instantiating the schema's types.
   *
   * The same reading of the JSON Schema as {@link Emitter.emit}, with what types cannot say
   * left out: numeric and length bounds, patterns, `oneOf`'s "exactly one" (a union), and
   * unknown keys of loose objects (kept at run time, not named by the type, so that a
   * misspelt field is a compile-time error).
   */
  type(schema: JsonSchema, indent: string): string {
    const key = fingerprint(this.direction, schema);
    const shape = this.shared.get(key);
    if (shape !== undefined && key !== this.self) {
      return this.useType(shape.typeName, this.moduleOf(shape));
    }
    const batch = asyncBatchOf(schema);
    if (batch !== undefined) {
      const request = this.type(batch.request, indent);
      const asyncBatch = this.useType("AsyncBatch", `${this.importPrefix}../shapes/async-batch.js`);
      return `${asyncBatch}<${request}>`;
    }
    for (const combinator of ["oneOf", "anyOf"] as const) {
      const raw = schema[combinator];
      if (!Array.isArray(raw)) continue;
      const options = raw.filter(isSchema).map((option) => withParentType(schema, option));
      if (options.length === 1 && options[0] !== undefined) return this.type(options[0], indent);
      const inner = `${indent}  `;
      return `\n${options
        .map(
          (option) => `${comment(option.description, inner)}${inner}| ${this.type(option, inner)}`,
        )
        .join("\n")}`;
    }
    if ("const" in schema) return literalType(schema.const as Json);
    const type = schema.type;
    if (Array.isArray(schema.enum)) {
      const types =
        typeof type === "string" ? [type] : Array.isArray(type) ? type.map(String) : undefined;
      const values = schema.enum.filter(
        (value) => types === undefined || types.some((t) => matchesType(t, value)),
      );
      return values.length === 0 ? "never" : values.map(literalType).join(" | ");
    }
    if (Array.isArray(type))
      return type.map((t) => this.typeOf(String(t), schema, indent)).join(" | ");
    if (typeof type === "string") return this.typeOf(type, schema, indent);
    const semantic = Object.keys(schema).filter((k) => !annotations.has(k) && k !== "default");
    if (semantic.length === 0) return "unknown";
    // Object keywords without `type` (checked by `emit`): an object of that shape, or any non-object.
    return `${this.typeOf("object", schema, indent)} | string | number | boolean | null | unknown[]`;
  }

  private typeOf(type: string, schema: JsonSchema, indent: string): string {
    switch (type) {
      case "string":
        // Binary inputs reach the service as JSON strings (the binding serializes inputs),
        // as @cloudflare/workers-types declares them; binary outputs come as bytes or streams.
        return schema.format === "binary" && this.direction === "output"
          ? this.useType("BinaryValue", `${this.importPrefix}../shapes/binary.js`)
          : "string";
      case "number":
      case "integer":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "array": {
        const items = isSchema(schema.items) ? this.type(schema.items, indent) : "unknown";
        const element = /^[A-Za-z0-9_$.]+$/.test(items) ? items : `(${items})`;
        // Mutable, as `@cloudflare/workers-types` declares the binding's inputs: a readonly
        // array is not assignable to the binding's `run` parameter.
        return `${element}[]`;
      }
      case "object":
        return this.objectType(schema, indent);
      default:
        throw new Error(`unsupported type ${type}`);
    }
  }

  private objectType(schema: JsonSchema, indent: string): string {
    const inner = `${indent}  `;
    const properties = isSchema(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const lines: string[] = [];
    for (const [name, child] of Object.entries(properties)) {
      if (!isSchema(child)) continue;
      const type = this.type(child, inner);
      lines.push(
        `${comment(child.description, inner)}${inner}${propertyKey(name)}${required.has(name) ? `: ${type}` : this.direction === "input" ? `?: ${type}` : `?: ${type} | undefined`};`,
      );
    }
    for (const name of required) {
      if (!(name in properties)) lines.push(`${inner}${propertyKey(name)}: unknown;`);
    }
    const additional = schema.additionalProperties;
    const rest =
      isSchema(additional) && Object.keys(canonical(additional) as JsonSchema).length > 0
        ? this.type(additional, inner)
        : lines.length === 0 && additional !== false
          ? "unknown"
          : undefined;
    const body = lines.length === 0 ? undefined : `{\n${lines.join("\n")}\n${indent}}`;
    const index = rest === undefined ? undefined : `{ [key: string]: ${rest} }`;
    if (body !== undefined && index !== undefined) return `${body} & ${index}`;
    // An object that admits no key at all.
    return body ?? index ?? "Record<string, never>";
  }

  emit(schema: JsonSchema, indent: string): string {
    const key = fingerprint(this.direction, schema);
    const shape = this.shared.get(key);
    if (shape !== undefined && key !== this.self) {
      return this.use(shape.name, this.moduleOf(shape));
    }
    const batch = asyncBatchOf(schema);
    if (batch !== undefined) {
      const request = this.emit(batch.request, indent);
      const asyncBatch = this.use("asyncBatch", `${this.importPrefix}../shapes/async-batch.js`);
      return `${asyncBatch}(${request})`;
    }
    for (const combinator of ["oneOf", "anyOf"] as const) {
      const raw = schema[combinator];
      if (!Array.isArray(raw)) continue;
      const extra = Object.keys(schema).filter(
        (k) => k !== combinator && k !== "type" && k !== "default" && !annotations.has(k),
      );
      if (extra.length > 0)
        throw new Error(`unsupported keywords beside ${combinator}: ${extra.join(", ")}`);
      const options = raw.filter(isSchema).map((option) => withParentType(schema, option));
      if (options.length === 1 && options[0] !== undefined) return this.emit(options[0], indent);
      const inner = `${indent}  `;
      const items = options.map(
        (option) => `${comment(option.description, inner)}${inner}${this.emit(option, inner)},`,
      );
      const list = `[\n${items.join("\n")}\n${indent}]`;
      if (combinator === "anyOf" || disjoint(options)) return `v.union(${list})`;
      return `${this.use("oneOf", `${this.importPrefix}../shapes/one-of.js`)}(${list})`;
    }
    if ("const" in schema) return this.literalSchema(schema.const as Json);
    const type = schema.type;
    if (Array.isArray(schema.enum)) {
      const types =
        typeof type === "string" ? [type] : Array.isArray(type) ? type.map(String) : undefined;
      const values = schema.enum.filter(
        (value) => types === undefined || types.some((t) => matchesType(t, value)),
      );
      if (values.length === 0) return "v.never()";
      if (values.every((value) => typeof value === "string" || typeof value === "number")) {
        return `v.picklist([${values.map(literal).join(", ")}])`;
      }
      if (values.length === 1 && values[0] !== undefined) return this.literalSchema(values[0]);
      return `v.union([${values.map((value) => this.literalSchema(value)).join(", ")}])`;
    }
    if (Array.isArray(type)) {
      const types = type.map(String);
      const nonNull = types.filter((t) => t !== "null");
      if (types.length === 2 && nonNull.length === 1 && nonNull[0] !== undefined) {
        return `v.nullable(${this.emitType(nonNull[0], schema, indent)})`;
      }
      return `v.union([${types.map((t) => this.emitType(t, schema, indent)).join(", ")}])`;
    }
    if (typeof type === "string") return this.emitType(type, schema, indent);
    const semantic = Object.keys(schema).filter((k) => !annotations.has(k) && k !== "default");
    if (semantic.length === 0) return "v.unknown()";
    const objectKeywords = [
      "properties",
      "required",
      "additionalProperties",
      "minProperties",
      "maxProperties",
    ];
    if (semantic.every((k) => objectKeywords.includes(k))) {
      // Object keywords without `type` constrain objects only: every other value passes.
      const other = this.use("nonObject", `${this.importPrefix}../shapes/non-object.js`);
      return `v.union([${this.emitType("object", schema, indent)}, ${other}()])`;
    }
    throw new Error(`unsupported typeless schema with ${semantic.join(", ")}`);
  }

  private literalSchema(value: Json): string {
    if (value === null) return "v.null()";
    if (typeof value === "object") throw new Error("unsupported object literal in enum/const");
    return `v.literal(${literal(value)})`;
  }

  private emitType(type: string, schema: JsonSchema, indent: string): string {
    const actions: string[] = [];
    switch (type) {
      case "string": {
        if (schema.format === "binary")
          return `${this.use("binary", `${this.importPrefix}../shapes/binary.js`)}()`;
        if (typeof schema.minLength === "number" && schema.minLength > 0) {
          actions.push(
            `${this.use("minCodePoints", `${this.importPrefix}../shapes/code-points.js`)}(${schema.minLength})`,
          );
        }
        if (typeof schema.maxLength === "number") {
          actions.push(
            `${this.use("maxCodePoints", `${this.importPrefix}../shapes/code-points.js`)}(${schema.maxLength})`,
          );
        }
        if (typeof schema.pattern === "string") {
          actions.push(`v.regex(/${new RegExp(schema.pattern, "u").source}/u)`);
        }
        return pipe("v.string()", actions);
      }
      case "number":
      case "integer": {
        if (type === "integer") actions.push("v.integer()");
        if (typeof schema.minimum === "number") actions.push(`v.minValue(${schema.minimum})`);
        if (typeof schema.maximum === "number") actions.push(`v.maxValue(${schema.maximum})`);
        if (typeof schema.exclusiveMinimum === "number")
          actions.push(`v.gtValue(${schema.exclusiveMinimum})`);
        if (typeof schema.exclusiveMaximum === "number")
          actions.push(`v.ltValue(${schema.exclusiveMaximum})`);
        if (typeof schema.multipleOf === "number")
          actions.push(`v.multipleOf(${schema.multipleOf})`);
        return pipe("v.number()", actions);
      }
      case "boolean":
        return "v.boolean()";
      case "null":
        return "v.null()";
      case "array": {
        const items = isSchema(schema.items) ? this.emit(schema.items, indent) : "v.unknown()";
        if (typeof schema.minItems === "number" && schema.minItems > 0)
          actions.push(`v.minLength(${schema.minItems})`);
        if (typeof schema.maxItems === "number") actions.push(`v.maxLength(${schema.maxItems})`);
        if (schema.uniqueItems === true) throw new Error("unsupported uniqueItems");
        return pipe(`v.array(${items})`, actions);
      }
      case "object":
        return this.emitObject(schema, indent);
      default:
        throw new Error(`unsupported type ${type}`);
    }
  }

  private emitObject(schema: JsonSchema, indent: string): string {
    const inner = `${indent}  `;
    const properties = isSchema(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const lines: string[] = [];
    for (const [name, child] of Object.entries(properties)) {
      if (!isSchema(child)) continue;
      let code = this.emit(child, inner);
      if (!required.has(name)) {
        const fallback =
          this.direction === "input" && "default" in child
            ? `, ${literal(child.default as Json)}`
            : "";
        code = `v.optional(${code}${fallback})`;
      }
      lines.push(`${comment(child.description, inner)}${inner}${propertyKey(name)}: ${code},`);
    }
    for (const name of required) {
      if (!(name in properties)) lines.push(`${inner}${propertyKey(name)}: v.unknown(),`);
    }
    const entries = lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n${indent}}`;
    const additional = schema.additionalProperties;
    let object: string;
    if (additional === false) object = `v.strictObject(${entries})`;
    else if (isSchema(additional) && Object.keys(canonical(additional) as JsonSchema).length > 0) {
      object = `v.objectWithRest(${entries}, ${this.emit(additional, indent)})`;
    } else object = `v.looseObject(${entries})`;
    const actions: string[] = [];
    if (typeof schema.minProperties === "number")
      actions.push(`v.minEntries(${schema.minProperties})`);
    if (typeof schema.maxProperties === "number")
      actions.push(`v.maxEntries(${schema.maxProperties})`);
    return `${this.use("nonArray", `${this.importPrefix}../shapes/non-array.js`)}(${pipe(object, actions)})`;
  }
}

function matchesType(type: string, value: Json): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isSchema(value);
    case "integer":
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

function pipe(schema: string, actions: string[]): string {
  return actions.length === 0 ? schema : `v.pipe(${schema}, ${actions.join(", ")})`;
}

function importLines(
  imports: Map<string, string>,
  typeImports: Map<string, string> = new Map(),
): string {
  const byFile = new Map<string, string[]>();
  for (const [name, from] of imports) byFile.set(from, [...(byFile.get(from) ?? []), name]);
  for (const [name, from] of typeImports) {
    if (imports.get(name) !== from) byFile.set(from, [...(byFile.get(from) ?? []), `type ${name}`]);
  }
  const sortKey = (name: string) => name.replace(/^type /, "");
  return [...byFile]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([from, names]) => {
      const sorted = names.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
      return sorted.every((n) => n.startsWith("type "))
        ? `import type { ${sorted.map(sortKey).join(", ")} } from "${from}";`
        : `import { ${sorted.join(", ")} } from "${from}";`;
    })
    .join("\n");
}

/** `interface Name {...}` for a plain object type (cheaper for the checker), else `type Name = ...`. */
function typeDeclaration(name: string, type: string): string {
  if (type.startsWith("{") && type.endsWith("}") && !/\n\} & \{/.test(type))
    return `export interface ${name} ${type}`;
  return `export type ${name} = ${type};`;
}

function valibotImport(code: string): string {
  return /\bv\./.test(code) ? `import * as v from "valibot";\n` : "";
}

function header(source: string): string {
  return `// Generated by scripts/generate.ts from ${source}. Do not edit: edit the data or the script and run \`node scripts/generate.ts\`.\n`;
}

// ---------------------------------------------------------------------------------------
// Capabilities

function property(model: ModelFile, id: string): Json | undefined {
  return model.properties.find((p) => p.property_id === id)?.value;
}

/** True when a request-level `properties` map of the input schema holds `key`. */
function inputHasKey(schema: JsonSchema | undefined, key: string): boolean {
  if (!isSchema(schema)) return false;
  const properties = schema.properties;
  if (isSchema(properties) && key in properties) return true;
  for (const combinator of ["oneOf", "anyOf"]) {
    const options = schema[combinator];
    if (
      Array.isArray(options) &&
      options.some((option) => isSchema(option) && inputHasKey(option, key))
    )
      return true;
  }
  return false;
}

/** Models with no published schema: why they are partial. */
function partialReason(model: ModelFile): string | undefined {
  const input = model.schema?.input;
  if (isSchema(input) && Object.keys(input).length > 0) return undefined;
  return `The model data (${model.file}) publishes no input or output schema; input and output are not checked.`;
}

// ---------------------------------------------------------------------------------------
// Files

interface Generated {
  files: Map<string, string>;
}

function generate(): Generated {
  const models = readModels();
  const shared = findSharedShapes(models);
  const files = new Map<string, string>();
  const exportNames = new Set<string>();
  const moduleFiles = new Set<string>();
  const entries: {
    id: string;
    name: string;
    typeName: string;
    file: string;
    streaming: boolean;
  }[] = [];

  for (const [key, shape] of [...shared].sort(([, a], [, b]) => (a.name < b.name ? -1 : 1))) {
    if (shape.handWritten) continue;
    const emitter = new Emitter(shape.direction, shared, "../", key);
    const code = emitter.emit(shape.schema, "");
    const type = emitter.type(shape.schema, "");
    const users = models.filter((model) => containsShape(model, key, shape.direction));
    const sources = users.map((model) => `data/${model.file}`);
    if (users.some((model) => model.supplemented)) sources.push("data/_supplements.json");
    files.set(
      `models/shared/${shape.file}.ts`,
      `${header(sources.join(", "))}${valibotImport(code)}${importLines(emitter.imports, emitter.typeImports)}\n\n/** A sub-schema of the ${shape.direction} of ${users.length === 1 ? "1 model, where it stands more than once" : `${users.length} models`} (written once, imported where used). */\nexport const ${shape.name} = ${code};\n\n/** The values {@link ${shape.name}} admits. */\n${typeDeclaration(shape.typeName, type)}\n`,
    );
  }

  for (const model of models) {
    const name = camelCase(lastSegment(model.name));
    const file = kebabCase(lastSegment(model.name).replace(/\./g, "-"));
    if (exportNames.has(name) || moduleFiles.has(file))
      throw new Error(`duplicate name ${name} / ${file}`);
    exportNames.add(name);
    moduleFiles.add(file);
    const partial = partialReason(model);
    const inputEmitter = new Emitter("input", shared, "./");
    const outputEmitter = new Emitter("output", shared, "./");
    const input =
      partial === undefined && isSchema(model.schema?.input)
        ? inputEmitter.emit(model.schema.input, "  ")
        : "v.unknown()";
    const output =
      partial === undefined && isSchema(model.schema?.output)
        ? outputEmitter.emit(model.schema.output, "  ")
        : "v.unknown()";
    const inputType =
      partial === undefined && isSchema(model.schema?.input)
        ? inputEmitter.type(model.schema.input, "")
        : "unknown";
    const outputType =
      partial === undefined && isSchema(model.schema?.output)
        ? outputEmitter.type(model.schema.output, "")
        : "unknown";
    const imports = new Map([...inputEmitter.imports, ...outputEmitter.imports]);
    const typeImports = new Map([...inputEmitter.typeImports, ...outputEmitter.typeImports]);
    imports.set("defineModel", "../model.js");
    const typeName = pascalCase(name);
    const streaming = inputHasKey(model.schema?.input, "stream");
    const tools =
      inputHasKey(model.schema?.input, "tools") || property(model, "function_calling") === "true";
    const contextWindow = property(model, "context_window");
    const price = property(model, "price");
    const capabilities = [
      `streaming: ${streaming}`,
      `tools: ${tools}`,
      ...(typeof contextWindow === "string" && /^[0-9]+$/.test(contextWindow)
        ? [`contextWindow: ${contextWindow}`]
        : []),
      `asyncBatch: ${property(model, "async_queue") === "true"}`,
      `beta: ${property(model, "beta") === "true"}`,
      ...(Array.isArray(price) ? [`price: ${JSON.stringify(price)}`] : []),
    ];
    const description = model.description.replace(/\s+/g, " ").trim();
    files.set(
      `models/${file}.ts`,
      `${header(`data/${model.file}${model.supplemented ? " and data/_supplements.json" : ""}`)}${valibotImport(input + output)}${importLines(imports, typeImports)}\n\n/** What \`${model.name}\` accepts (\`env.AI.run(id, input)\`).${partial === undefined ? "" : " Unknown: no schema is published."} */\n${typeDeclaration(`${typeName}Input`, inputType)}\n\n/** What \`${model.name}\` returns when it does not stream.${partial === undefined ? "" : " Unknown: no schema is published."} */\n${typeDeclaration(`${typeName}Output`, outputType)}\n\n/**\n * \`${model.name}\` (${model.task.name}): ${description.replace(/\*\//g, "* /")}${(model.supplemented ?? []).map((note) => `\n *\n * ${note}.`).join("")}\n */\nexport const ${name} = /* @__PURE__ */ defineModel<\n  ${literal(model.name)},\n  ${typeName}Input,\n  ${typeName}Output,\n  ${streaming}\n>({\n  id: ${literal(model.name)},\n  task: ${literal(model.task.name)},\n  description: ${literal(description)},\n  capabilities: { ${capabilities.join(", ")} },\n${partial === undefined ? "" : `  partial: ${literal(partial)},\n`}  input: ${input},\n  output: ${output},\n});\n`,
    );
    entries.push({ id: model.name, name, typeName, file, streaming });
  }

  const allSources = "data/*.json";
  files.set(
    "models/index.ts",
    `${header(allSources)}/**\n * Every model of the catalog, by name. Import the ones you use: a bundler keeps only those.\n *\n * @module\n */\n${entries.map((entry) => `export {\n  ${entry.name},\n  type ${entry.typeName}Input,\n  type ${entry.typeName}Output,\n} from "./${entry.file}.js";`).join("\n")}\n`,
  );
  files.set(
    "models/catalog.ts",
    `${header(allSources)}/**\n * The type-level map from model id to input, output and stream event types: types only, no\n * run-time cost.\n *\n * @module\n */\nimport type { ChatStreamEvent } from "../chat-stream/chat-stream-event.js";\n${entries
      .map(
        (entry) =>
          `import type { ${entry.typeName}Input, ${entry.typeName}Output } from "./${entry.file}.js";`,
      )
      .join(
        "\n",
      )}\n\n/**\n * Input, output and (for streamable models) stream event types by model id.\n *\n * @example\n * \`\`\`ts\n * import type { AiModelCatalog } from "@wai/ai-models";\n *\n * type Input = AiModelCatalog["@cf/meta/llama-4-scout-17b-16e-instruct"]["input"];\n * \`\`\`\n */\nexport interface AiModelCatalog {\n${entries
      .map(
        (entry) =>
          `  ${literal(entry.id)}: {\n    readonly input: ${entry.typeName}Input;\n    readonly output: ${entry.typeName}Output;\n    readonly streamEvent: ${entry.streaming ? "ChatStreamEvent" : "never"};\n  };`,
      )
      .join(
        "\n",
      )}\n}\n\n/** The id of a model of the catalog. */\nexport type AiModelId = keyof AiModelCatalog;\n`,
  );
  files.set(
    "registry.ts",
    `${header(allSources)}/**\n * The run-time registry of every model by id. Importing it bundles the whole catalog: import\n * single models from \`@wai/ai-models\` when you know which you use.\n *\n * @module\n */\nimport type { Model } from "./model.js";\nimport type { AiModelId } from "./models/catalog.js";\nimport * as models from "./models/index.js";\n\n/**\n * Every model of the catalog by id.\n *\n * @example\n * \`\`\`ts\n * import { registry } from "@wai/ai-models/registry";\n *\n * const model = registry.get("@cf/meta/llama-4-scout-17b-16e-instruct");\n * \`\`\`\n */\nexport const registry: ReadonlyMap<AiModelId, Model> = new Map(\n  Object.values(models).map((model): [AiModelId, Model] => [model.id, model]),\n);\n\n/**\n * The model with this id, or \`undefined\` for an id the catalog does not know.\n *\n * @example\n * \`\`\`ts\n * import { getModel } from "@wai/ai-models/registry";\n *\n * getModel("@cf/meta/llama-4-scout-17b-16e-instruct")?.capabilities.streaming; // true\n * \`\`\`\n */\nexport function getModel(id: string): Model | undefined {\n  return registry.get(id as AiModelId);\n}\n`,
  );
  return { files };
}

function containsShape(model: ModelFile, key: string, direction: Direction): boolean {
  const schema = model.schema?.[direction];
  if (!isSchema(schema)) return false;
  const visit = (node: JsonSchema): boolean =>
    fingerprint(direction, node) === key || children(node, "").some(([child]) => visit(child));
  return visit(schema);
}

function writeAndFormat(files: Map<string, string>, outDir: string): void {
  fs.rmSync(path.join(outDir, "models"), { recursive: true, force: true });
  for (const [file, text] of files) {
    const target = path.join(outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const biome = path.join(repoRoot, "node_modules", ".bin", "biome");
  execFileSync(
    biome,
    [
      "check",
      "--write",
      "--vcs-enabled=false",
      `--config-path=${repoRoot}`,
      ...[...files.keys()].map((f) => path.join(outDir, f)),
    ],
    { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] },
  );
}

/** Every sub-schema of a model with its JSON pointer (as {@link resolvePointer} reads them). */
function* locations(model: ModelFile): Generator<[JsonSchema, Direction, string]> {
  function* walk(
    node: JsonSchema,
    direction: Direction,
    at: string,
  ): Generator<[JsonSchema, Direction, string]> {
    yield [node, direction, at];
    if (isSchema(node.properties))
      for (const [name, child] of Object.entries(node.properties))
        if (isSchema(child)) yield* walk(child, direction, `${at}/properties/${name}`);
    if (isSchema(node.items)) yield* walk(node.items, direction, `${at}/items`);
    if (isSchema(node.additionalProperties))
      yield* walk(node.additionalProperties, direction, `${at}/additionalProperties`);
    for (const key of ["oneOf", "anyOf"]) {
      const options = node[key];
      if (Array.isArray(options))
        for (const [index, option] of options.entries())
          if (isSchema(option))
            yield* walk(withParentType(node, option), direction, `${at}/${key}/${index}`);
    }
  }
  for (const direction of ["input", "output"] as const) {
    const schema = model.schema?.[direction];
    if (isSchema(schema)) yield* walk(schema, direction, `/${direction}`);
  }
}

/** `--where`: where each shared shape first stands in the data (for {@link handWrittenShapes}). */
function printLocations(): void {
  const models = readModels();
  const shared = findSharedShapes(models);
  const found = new Map<string, string>();
  for (const model of models)
    for (const [node, direction, at] of locations(model)) {
      const key = fingerprint(direction, node);
      if (shared.has(key) && !found.has(key)) found.set(key, `${model.name} ${at}`);
    }
  for (const [key, shape] of shared) console.log(`${shape.file} ${shape.name}: ${found.get(key)}`);
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes("--where")) {
    printLocations();
    return;
  }
  const { files } = generate();
  if (args.includes("--check")) {
    const temp = fs.mkdtempSync(path.join(packageDir, ".generate-check-"));
    try {
      writeAndFormat(files, temp);
      const stale: string[] = [];
      const committed = path.join(packageDir, "src");
      for (const file of files.keys()) {
        const fresh = fs.readFileSync(path.join(temp, file), "utf8");
        const current = fs.existsSync(path.join(committed, file))
          ? fs.readFileSync(path.join(committed, file), "utf8")
          : "";
        if (fresh !== current) stale.push(file);
      }
      const known = new Set(files.keys());
      for (const dir of ["models", "models/shared"]) {
        for (const file of fs.readdirSync(path.join(committed, dir))) {
          if (file.endsWith(".ts") && !file.endsWith(".test.ts") && !known.has(`${dir}/${file}`))
            stale.push(`${dir}/${file} (not generated)`);
        }
      }
      if (stale.length > 0) {
        console.error(`Out of date (run node scripts/generate.ts):\n${stale.join("\n")}`);
        process.exitCode = 1;
      } else console.log(`${files.size} generated files are up to date.`);
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
    return;
  }
  const outIndex = args.indexOf("--out");
  const outDir =
    outIndex >= 0 && args[outIndex + 1]
      ? path.resolve(args[outIndex + 1] as string)
      : path.join(packageDir, "src");
  writeAndFormat(files, outDir);
  console.log(`Wrote ${files.size} files into ${path.relative(process.cwd(), outDir) || "."}.`);
}

main();
