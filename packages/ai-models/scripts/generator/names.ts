/**
 * Stage 3 of the generator: name things.
 *
 * - Models: the export, type and file names of each model, from its id (see
 *   {@link modelNames} for the rule).
 * - Shared shapes: sub-shapes that the catalog repeats are written once, in a module of
 *   their own, and imported where used. The most repeated are written by hand in
 *   `src/shapes/` ({@link handWrittenShapes}); the others are generated into
 *   `src/models/shared/`, each named by `scripts/shape-names.json`, a committed map from a
 *   hash of the shape's fingerprint to its name. A shared shape with no name there is an
 *   error that says where the shape first stands and suggests a name: so adding a model never
 *   renames an existing shape, and a new one gets a name a person chose.
 * - Property groups: optional properties that many objects share with different defaults
 *   (sampling options: `temperature`, `top_p`, `max_tokens`...), written once as a function
 *   of the defaults ({@link propertyGroupCandidates}), named by the same map. Objects whose
 *   members differ from the group's only in bounds use it too, and write their bounds after.
 * - Request forms: unions whose forms (`prompt` or `messages`) and the groups they share
 *   stand in several requests, written once as a function of the fields each request adds
 *   ({@link RequestForms}), named by the same map.
 *
 * The result, a {@link NamedCatalog}, is what the printers read: each model's input and
 * output shapes with shared shapes replaced by `ref`s and group members by group uses.
 *
 * @module
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { kebabCase, lowerFirst, pascalCase } from "./identifiers.ts";
import { isSchema, type Json, type JsonSchema, withParentType } from "./json-schema.ts";
import {
  childrenOf,
  fingerprint,
  type Member,
  normalize,
  type ObjectShape,
  type Property,
  type PropertyGroupUse,
  type RefShape,
  type Shape,
  type UnionShape,
} from "./normalize.ts";
import type { Direction, ModelData } from "./read.ts";
import { sharedFields, withoutFields } from "./shared-fields.ts";

/** The committed map of shared shape names (see the module doc). */
export const shapeNamesFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "shape-names.json",
);

// ---------------------------------------------------------------------------------------
// Models

/** The names of a model's module and exports. */
export interface ModelNames {
  /** The value export, e.g. `llama3_1_70bInstruct`. */
  exportName: string;
  /** The prefix of the type exports, e.g. `Llama3_1_70bInstruct` (`...Input`, `...Output`). */
  typeName: string;
  /** The module in `src/models/`, without `.ts`: the id's last segment, lower case. */
  file: string;
}

/**
 * The names of a model, from the last segment of its id: its words (runs of letters and
 * digits) in camel case, except that two words where a digit meets a digit (`3.1`,
 * `1.5-0.5b`) are joined by `_`, so that a version boundary stays visible:
 * `llama-3.1-70b-instruct` is `llama3_1_70bInstruct` (never `llama3170bInstruct`),
 * `qwen1.5-0.5b-chat` is `qwen1_5_0_5bChat`, `m2m100-1.2b` is `m2m100_1_2b`. A name that
 * would start with a digit starts with `_`.
 */
export function modelNames(id: string): ModelNames {
  const segment = id.slice(id.lastIndexOf("/") + 1);
  const words = segment.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  let exportName = "";
  for (const [index, word] of words.entries()) {
    const previous = words[index - 1];
    if (previous === undefined) exportName = word.charAt(0).toLowerCase() + word.slice(1);
    else if (/[0-9]$/.test(previous) && /^[0-9]/.test(word)) exportName += `_${word}`;
    else exportName += word.charAt(0).toUpperCase() + word.slice(1);
  }
  if (/^[0-9]/.test(exportName)) exportName = `_${exportName}`;
  const typeName = exportName.startsWith("_")
    ? exportName
    : exportName.charAt(0).toUpperCase() + exportName.slice(1);
  return { exportName, typeName, file: segment.toLowerCase() };
}

// ---------------------------------------------------------------------------------------
// Shared shapes

/** A shape written once and imported where used. */
export interface SharedShape {
  key: string;
  direction: Direction;
  /** The printed type's name, e.g. `ChatMessages`. */
  typeName: string;
  /** The schema constant's name, e.g. `chatMessagesSchema`. */
  schemaName: string;
  /** `shared`: generated into `src/models/shared/<file>.ts`; `shapes`: `src/shapes/<file>.ts`. */
  folder: "shared" | "shapes";
  file: string;
  /** The shape (its own body: the shared shapes inside it are `ref`s). */
  shape: Shape;
  /**
   * When its uses have different defaults: the properties (by name, at any depth) that some
   * use gives a default, with their shapes. It is then printed as a function of the defaults,
   * `textGenerationInput({ max_tokens: 256 })`; otherwise as a constant, `xSchema`.
   */
  parameters?: Map<string, Shape> | undefined;
  /** For a function of defaults: the defaults most of its uses pass (see {@link usualDefaults}). */
  usual?: { [name: string]: Json } | undefined;
  /** The models that use it, by id. */
  users: string[];
}

/** A group of optional properties written once as a function of the defaults. */
export interface PropertyGroup {
  key: string;
  direction: Direction;
  /** The printed type's name, e.g. `SamplingOptions`. */
  typeName: string;
  /** The function's name, e.g. `samplingOptions`. */
  functionName: string;
  file: string;
  /** The members, without their defaults. */
  members: Property[];
  /** The members that some model gives a default. */
  defaulted: string[];
  /** The defaults most of its uses pass (see {@link usualDefaults}). */
  usual?: { [name: string]: Json } | undefined;
  users: string[];
}

/**
 * The shapes that the catalog repeats most, written by hand in `src/shapes/` (named and
 * documented for people, and reused by the chat layer): each stands for the data's
 * sub-schema at `at` (a model id and a JSON pointer into its `schema`), and every sub-shape
 * with the same fingerprint imports it. The differential tests check them like generated
 * code, for every model that uses them.
 */
export const handWrittenShapes: {
  file: string;
  schemaName: string;
  typeName: string;
  at: [model: string, pointer: string];
}[] = [
  {
    file: "tools",
    schemaName: "toolFunctionSchema",
    typeName: "ToolFunction",
    at: [
      "@cf/aisingapore/gemma-sea-lion-v4-27b-it",
      "/input/oneOf/1/properties/tools/items/oneOf/0",
    ],
  },
  {
    file: "tools",
    schemaName: "toolsSchema",
    typeName: "Tools",
    at: ["@cf/aisingapore/gemma-sea-lion-v4-27b-it", "/input/oneOf/1/properties/tools"],
  },
  {
    file: "messages",
    schemaName: "messagesSchema",
    typeName: "Messages",
    at: ["@cf/meta/llama-3.1-8b-instruct", "/input/oneOf/1/properties/messages"],
  },
  {
    file: "usage",
    schemaName: "usageSchema",
    typeName: "Usage",
    at: ["@cf/aisingapore/gemma-sea-lion-v4-27b-it", "/output/oneOf/0/properties/usage"],
  },
  {
    file: "tool-calls",
    schemaName: "toolCallSchema",
    typeName: "ToolCall",
    at: [
      "@cf/aisingapore/gemma-sea-lion-v4-27b-it",
      "/output/oneOf/0/properties/choices/items/properties/message/properties/tool_calls/items",
    ],
  },
  {
    file: "chat-completions-request",
    schemaName: "chatCompletionsFunctionSchema",
    typeName: "ChatCompletionsFunction",
    at: [
      "@cf/deepseek-ai/deepseek-v4-flash-0731",
      "/input/anyOf/0/oneOf/0/properties/tools/items/oneOf/0/properties/function",
    ],
  },
  {
    file: "chat-completions-request",
    schemaName: "chatCompletionsToolsSchema",
    typeName: "ChatCompletionsTools",
    at: ["@cf/deepseek-ai/deepseek-v4-flash-0731", "/input/anyOf/0/oneOf/0/properties/tools"],
  },
  {
    file: "chat-completions-request",
    schemaName: "chatCompletionsToolChoiceSchema",
    typeName: "ChatCompletionsToolChoice",
    at: ["@cf/deepseek-ai/deepseek-v4-flash-0731", "/input/anyOf/0/oneOf/0/properties/tool_choice"],
  },
  {
    file: "chat-completions-request",
    schemaName: "chatCompletionsResponseFormatSchema",
    typeName: "ChatCompletionsResponseFormat",
    at: [
      "@cf/deepseek-ai/deepseek-v4-flash-0731",
      "/input/anyOf/0/oneOf/0/properties/response_format",
    ],
  },
  {
    file: "chat-completions",
    schemaName: "chatCompletionsChoicesSchema",
    typeName: "ChatCompletionsChoices",
    at: ["@cf/deepseek-ai/deepseek-v4-flash-0731", "/output/oneOf/0/properties/choices"],
  },
  {
    file: "chat-completions",
    schemaName: "chatCompletionsUsageSchema",
    typeName: "ChatCompletionsUsage",
    at: ["@cf/deepseek-ai/deepseek-v4-flash-0731", "/output/oneOf/0/properties/usage"],
  },
];

/**
 * The property groups to look for: the optional members of an object that one list names (at
 * least {@link minimumGroupSize}) form a group; each distinct group (members' names and
 * types) that two objects or more share is written once. No name is in two lists (an object
 * would otherwise spread two groups that both write it).
 */
export const propertyGroupCandidates: string[][] = [
  // Sampling (`raw` is not one of them: the prompt form of a request has it and the messages
  // form does not, so that both share one group).
  [
    "stream",
    "max_tokens",
    "temperature",
    "top_p",
    "top_k",
    "seed",
    "repetition_penalty",
    "frequency_penalty",
    "presence_penalty",
  ],
  // The OpenAI Chat Completions request fields (besides sampling).
  [
    "model",
    "audio",
    "logit_bias",
    "logprobs",
    "top_logprobs",
    "max_completion_tokens",
    "metadata",
    "modalities",
    "n",
    "parallel_tool_calls",
    "prediction",
    "response_format",
    "stop",
    "store",
    "stream_options",
    "tool_choice",
    "tools",
    "user",
    "web_search_options",
    "function_call",
    "functions",
  ],
  // The audio that text-to-speech models write.
  ["encoding", "container", "sample_rate", "bit_rate"],
  // Image generation (`seed` is a sampling member).
  ["guidance", "height", "width", "num_steps"],
];
{
  const listed = propertyGroupCandidates.flat();
  const twice = listed.filter((name, index) => listed.indexOf(name) !== index);
  if (twice.length > 0) throw new Error(`property groups: ${twice.join(", ")} in two lists`);
}
const minimumGroupSize = 3;

/** Shapes whose fingerprint is shorter than this are never shared (an import costs more). */
const minimumSharedLength = 240;

/** The exact key of a shape: its direction and fingerprint, defaults included. */
export function exactKey(direction: Direction, shape: Shape): string {
  return `${direction}:${fingerprint(shape)}`;
}

/**
 * The key of a shape: outputs (whose defaults print nothing) by their {@link exactKey}; inputs
 * by their fingerprint without defaults, so that shapes that differ only by their defaults are
 * one shape, applied with each use's defaults ({@link defaultsOf}). When a use gives one
 * property name two defaults (or a default at one place and none at another), its defaults
 * cannot be passed by name: it keeps its exact key.
 */
export function shapeKey(
  direction: Direction,
  shape: Shape,
  stop: (shape: Shape) => boolean = () => false,
): string {
  if (direction === "output" || defaultsOf(shape, stop) === undefined)
    return exactKey(direction, shape);
  return `${direction}:${fingerprint(withoutDefaults(shape))}`;
}

/** A shape without any `default`, at any depth. */
function withoutDefaults(shape: Shape): Shape {
  return JSON.parse(JSON.stringify(shape, (key, value) => (key === "default" ? undefined : value)));
}

/**
 * The defaults of a use of a shape, by property name: every optional property at any depth
 * (not below `stop`, the shapes written by hand), its default or `undefined` for none.
 * `undefined` when one name has two different values.
 */
export function defaultsOf(
  shape: Shape,
  stop: (shape: Shape) => boolean = () => false,
): Map<string, Json | undefined> | undefined {
  const defaults = new Map<string, Json | undefined>();
  let conflict = false;
  const visit = (node: Shape, root: boolean) => {
    if (!root && stop(node)) return;
    if (node.kind === "object")
      for (const member of node.properties) {
        if (!("shape" in member) || member.required) continue;
        const value = member.shape.default;
        if (
          defaults.has(member.name) &&
          JSON.stringify(defaults.get(member.name)) !== JSON.stringify(value)
        )
          conflict = true;
        defaults.set(member.name, value);
      }
    for (const child of childrenOf(node)) visit(child, false);
  };
  visit(shape, true);
  return conflict ? undefined : defaults;
}

/** The defaults that a use gives, as an object (names without a default left out). */
function givenDefaults(defaults: Map<string, Json | undefined>): { [name: string]: Json } {
  const out: { [name: string]: Json } = {};
  for (const [name, value] of defaults) if (value !== undefined) out[name] = value;
  return out;
}

/** The stable hash of a key, as `scripts/shape-names.json` writes it. */
export function hashOf(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

/** The committed names: hash -> name (and where the shape stood when it was named). */
export interface ShapeNames {
  [hash: string]: { name: string; at: string };
}

export function readShapeNames(file = shapeNamesFile): ShapeNames {
  if (!fs.existsSync(file)) return {};
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { shapes: ShapeNames }).shapes;
}

/** A shared shape or group that `scripts/shape-names.json` does not name. */
export interface UnnamedShape {
  hash: string;
  /** Where it first stands: a model id and a path into its schema. */
  at: string;
  suggested: string;
  uses: number;
}

/** Thrown when shared shapes have no name; lists each with a suggestion. */
export class UnnamedShapesError extends Error {
  readonly unnamed: UnnamedShape[];
  constructor(unnamed: UnnamedShape[]) {
    super(
      [
        `${unnamed.length} shared shape(s) have no name in scripts/shape-names.json. Add each`,
        "(or run `node scripts/generate.ts --name-new-shapes` to add the suggested names, then",
        "edit them):",
        ...unnamed.map(
          (shape) =>
            `  "${shape.hash}": { "name": "${shape.suggested}", "at": "${shape.at}" }  (used ${shape.uses} times)`,
        ),
      ].join("\n"),
    );
    this.name = "UnnamedShapesError";
    this.unnamed = unnamed;
  }
}

export interface NamedModel {
  data: ModelData;
  names: ModelNames;
  /** Input and output with shared shapes as `ref`s; absent for a partial model. */
  input?: Shape | undefined;
  output?: Shape | undefined;
}

/**
 * Request forms that several unions share: the same forms (`{ prompt }` or `{ messages }`),
 * with the same property groups in every form. Written once as a function of the fields each
 * union adds, `chatCompletionsRequestForms({ reasoning_effort: ... })`, and as a type,
 * `ChatCompletionsRequestForms & { reasoning_effort?: ... }`.
 */
export interface RequestForms {
  key: string;
  direction: Direction;
  typeName: string;
  functionName: string;
  file: string;
  /** The forms, without the fields they share. */
  forms: Shape[];
  exactlyOne: boolean;
  /** The property groups every form has, with their defaults. */
  groups: PropertyGroupUse[];
  users: string[];
}

/** What the printers read. */
export interface NamedCatalog {
  models: NamedModel[];
  shapes: Map<string, SharedShape>;
  groups: Map<string, PropertyGroup>;
  forms: Map<string, RequestForms>;
}

export interface NameOptions {
  /** The committed names; {@link readShapeNames} by default. */
  names?: ShapeNames | undefined;
  /** Name unnamed shapes with the suggested names instead of failing (and report them). */
  onUnnamed?: ((unnamed: UnnamedShape[]) => void) | undefined;
}

interface Occurrence {
  shape: Shape;
  direction: Direction;
  hint: string;
  at: string;
  users: Set<string>;
  uses: number;
  /** The defaults each use gives (JSON of {@link givenDefaults}), and the defaulted properties. */
  defaults: Set<string>;
  defaulted: Map<string, Shape>;
  /** The exact keys of its uses, with their counts (to carry a name over from them). */
  exact: Map<string, number>;
}

/** Every sub-shape of a shape, with a name hint and a path. */
function* walk(shape: Shape, hint: string, at: string): Generator<[Shape, string, string]> {
  yield [shape, hint, at];
  switch (shape.kind) {
    case "object":
      for (const member of shape.properties)
        if ("shape" in member)
          yield* walk(member.shape, member.name, `${at}/properties/${member.name}`);
      if (typeof shape.rest === "object")
        yield* walk(shape.rest, `${hint}Value`, `${at}/additionalProperties`);
      return;
    case "array":
      yield* walk(shape.items, `${hint}Item`, `${at}/items`);
      return;
    case "union":
      for (const [index, option] of shape.options.entries())
        yield* walk(
          option,
          `${hint}${index + 1}`,
          `${at}/${shape.exactlyOne ? "oneOf" : "anyOf"}/${index}`,
        );
      return;
    case "asyncBatch":
      yield* walk(shape.request, `${hint}Request`, `${at}/properties/requests/items`);
      return;
    default:
      return;
  }
}

/** The sub-schema at a JSON pointer into a model's `schema` (a `oneOf` option with its parent's type). */
function resolvePointer(data: ModelData, pointer: string): [JsonSchema, Direction] {
  const steps = pointer.split("/").slice(1);
  const direction = steps[0];
  if (direction !== "input" && direction !== "output")
    throw new Error(`hand-written shape: ${pointer} does not start with /input or /output`);
  let node: Json | undefined = data.schemas?.[direction];
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
  if (!isSchema(node))
    throw new Error(`hand-written shape: nothing at ${data.model.name}#${pointer}`);
  return [node, direction];
}

/** Names shared shapes and groups, and replaces them in each model's shapes. */
export function nameCatalog(
  catalog: { data: ModelData; input?: Shape | undefined; output?: Shape | undefined }[],
  options: NameOptions = {},
): NamedCatalog {
  const names = options.names ?? readShapeNames();
  const roots = catalog.flatMap(({ data, input, output }) =>
    (
      [
        ["input", input],
        ["output", output],
      ] as const
    ).flatMap(([direction, shape]) => (shape === undefined ? [] : [{ data, direction, shape }])),
  );

  // The hand-written shapes, by the key of the data's sub-schema they stand for.
  const shapes = new Map<string, SharedShape>();
  for (const hand of handWrittenShapes) {
    const data = catalog.find((entry) => entry.data.model.name === hand.at[0])?.data;
    if (data === undefined) throw new Error(`hand-written shape: no model ${hand.at[0]}`);
    const [schema, direction] = resolvePointer(data, hand.at[1]);
    const shape = normalize(schema);
    shapes.set(exactKey(direction, shape), {
      key: exactKey(direction, shape),
      direction,
      typeName: hand.typeName,
      schemaName: hand.schemaName,
      folder: "shapes",
      file: hand.file,
      shape,
      users: [],
    });
  }

  // A sub-shape written by hand is that shape (exact match); any other by its shapeKey.
  const handWritten = new Set(shapes.keys());
  const stop = (direction: Direction) => (node: Shape) =>
    handWritten.has(exactKey(direction, node));
  const keyOf = (direction: Direction, node: Shape): string => {
    const exact = exactKey(direction, node);
    return handWritten.has(exact) ? exact : shapeKey(direction, node, stop(direction));
  };

  // Every sub-shape, by key: how often and where it stands.
  const seen = new Map<string, Occurrence>();
  for (const { data, direction, shape } of roots) {
    for (const [node, hint, at] of walk(shape, direction, `/${direction}`)) {
      const key = keyOf(direction, node);
      if (key.length < minimumSharedLength) continue;
      const entry = seen.get(key) ?? {
        shape: node,
        direction,
        hint,
        at: `${data.model.name} ${at}`,
        users: new Set<string>(),
        uses: 0,
        defaults: new Set<string>(),
        defaulted: new Map<string, Shape>(),
        exact: new Map<string, number>(),
      };
      entry.users.add(data.model.name);
      entry.uses++;
      const defaults = defaultsOf(node, stop(direction)) ?? new Map();
      entry.defaults.add(JSON.stringify(givenDefaults(defaults)));
      for (const [name, value] of defaults)
        if (value !== undefined && !entry.defaulted.has(name))
          entry.defaulted.set(name, propertyShape(node, name, stop(direction)) as Shape);
      const exact = exactKey(direction, node);
      entry.exact.set(exact, (entry.exact.get(exact) ?? 0) + 1);
      seen.set(key, entry);
    }
  }

  // Repeated across models, or twice within one (a oneOf's branches often repeat a shape);
  // then a shared shape referenced from one place only is inlined there, until stable.
  const shared = new Set([...seen].filter(([, entry]) => entry.uses >= 2).map(([key]) => key));
  for (const key of shapes.keys()) shared.add(key);
  for (;;) {
    const references = new Map<string, number>();
    const count = (shape: Shape, direction: Direction, root: boolean) => {
      const key = keyOf(direction, shape);
      if (shared.has(key) && !root) {
        references.set(key, (references.get(key) ?? 0) + 1);
        return;
      }
      for (const child of childrenOf(shape)) count(child, direction, false);
    };
    for (const { direction, shape } of roots) {
      const key = keyOf(direction, shape);
      if (shared.has(key)) references.set(key, (references.get(key) ?? 0) + 1);
      else count(shape, direction, true);
    }
    // The bodies of generated shared shapes (those written by hand import nothing generated).
    for (const key of shared) {
      const entry = seen.get(key);
      if (entry && !shapes.has(key)) count(entry.shape, entry.direction, true);
    }
    const single = [...shared].filter((key) => !shapes.has(key) && (references.get(key) ?? 0) < 2);
    if (single.length === 0) break;
    for (const key of single) shared.delete(key);
  }

  // Property groups: the candidates' optional members of every object, defaults aside.
  const groupSeen = new Map<
    string,
    Omit<Occurrence, "defaulted"> & { members: Property[]; defaulted: Set<string> }
  >();
  /** The members of each exact form of a group, by its exact key. */
  const variants = new Map<string, Property[]>();
  for (const { data, direction, shape } of roots) {
    for (const [node, hint, at] of walk(shape, direction, `/${direction}`)) {
      if (node.kind !== "object") continue;
      for (const members of groupMembers(node)) {
        const key = groupKey(direction, members);
        const entry = groupSeen.get(key) ?? {
          shape: node,
          members,
          direction,
          hint: `${hint}Options`,
          at: `${data.model.name} ${at}`,
          users: new Set<string>(),
          uses: 0,
          defaults: new Set<string>(),
          exact: new Map<string, number>(),
          defaulted: new Set<string>(),
        };
        for (const member of node.properties)
          if ("shape" in member && "default" in member.shape) entry.defaulted.add(member.name);
        entry.users.add(data.model.name);
        entry.uses++;
        const exact = exactGroupKey(direction, members);
        entry.exact.set(exact, (entry.exact.get(exact) ?? 0) + 1);
        variants.set(exact, members);
        groupSeen.set(key, entry);
      }
    }
  }
  // A group's members are those of its most common exact form (ties: the first exact key).
  for (const entry of groupSeen.values()) {
    const [base] = [...entry.exact].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
    if (base !== undefined) entry.members = variants.get(base[0]) ?? entry.members;
  }
  const groupKeys = new Set(
    [...groupSeen].filter(([, entry]) => entry.uses >= 2).map(([key]) => key),
  );

  // Names: from the committed map; the unnamed are an error (or, on request, suggested).
  // A shape's name must not be a hand-written shape's, nor a model's input or output type's.
  const taken = new Set(handWrittenShapes.map((hand) => hand.typeName));
  for (const { data } of catalog) {
    const { typeName } = modelNames(data.model.name);
    taken.add(`${typeName}Input`).add(`${typeName}Output`);
  }
  const given = new Set<string>();
  for (const [hash, { name }] of Object.entries(names)) {
    checkName(name, hash, taken);
    taken.add(name);
  }
  const unnamed: UnnamedShape[] = [];
  // A shape whose exact uses were named before (as shapes that differed by their defaults)
  // is suggested the name of its most used one that no live shape keeps.
  const live = new Set([...shared, ...groupKeys].map(hashOf));
  const carriedOver = (entry: Omit<Occurrence, "defaulted">): string | undefined =>
    [...entry.exact]
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
      .map(([exact]) => hashOf(exact))
      .filter((hash) => !live.has(hash))
      .map((hash) => names[hash]?.name)
      .find((name) => name !== undefined && !given.has(name));
  const nameOf = (key: string, entry: Omit<Occurrence, "defaulted">): string => {
    const hash = hashOf(key);
    const named = names[hash]?.name;
    if (named !== undefined) {
      if (given.has(named))
        throw new Error(`scripts/shape-names.json: "${named}" names two shapes`);
      given.add(named);
      return named;
    }
    const carried = carriedOver(entry);
    if (carried !== undefined) {
      given.add(carried);
      unnamed.push({ hash, at: entry.at, suggested: carried, uses: entry.uses });
      return carried;
    }
    const base = `${pascalCase(entry.hint)}${entry.direction === "output" ? "Output" : ""}`;
    let suggested = base;
    for (let suffix = 2; taken.has(suggested) || suggested in globalThis; suffix++)
      suggested = `${base}${suffix}`;
    taken.add(suggested);
    unnamed.push({ hash, at: entry.at, suggested, uses: entry.uses });
    return suggested;
  };
  const sortedShared = [...shared]
    .filter((key) => !shapes.has(key))
    .sort((a, b) => ((seen.get(a)?.at ?? "") < (seen.get(b)?.at ?? "") ? -1 : 1));
  for (const key of sortedShared) {
    const entry = seen.get(key) as Occurrence;
    const typeName = nameOf(key, entry);
    shapes.set(key, {
      key,
      direction: entry.direction,
      typeName,
      schemaName: `${lowerFirst(typeName)}Schema`,
      folder: "shared",
      file: kebabCase(typeName),
      shape: entry.shape,
      parameters: entry.defaults.size > 1 ? entry.defaulted : undefined,
      users: [],
    });
  }
  const groups = new Map<string, PropertyGroup>();
  for (const key of [...groupKeys].sort()) {
    const entry = groupSeen.get(key) as Omit<Occurrence, "defaulted"> & {
      members: Property[];
      defaulted: Set<string>;
    };
    const typeName = nameOf(key, entry);
    groups.set(key, {
      key,
      direction: entry.direction,
      typeName,
      functionName: lowerFirst(typeName),
      file: kebabCase(typeName),
      members: entry.members,
      defaulted: entry.members.map((m) => m.name).filter((name) => entry.defaulted.has(name)),
      users: [...entry.users].sort(),
    });
  }
  // Replace: shared shapes by refs, group members by group uses.
  const users = new Map<string, Set<string>>();
  const replace = (shape: Shape, direction: Direction, user: string, self?: string): Shape => {
    const key = keyOf(direction, shape);
    if (key !== self && shapes.has(key)) {
      const set = users.get(key) ?? new Set<string>();
      set.add(user);
      users.set(key, set);
      const ref: RefShape = { kind: "ref", key };
      const parameters = shapes.get(key)?.parameters;
      if (parameters !== undefined) {
        const given = givenDefaults(defaultsOf(shape, stop(direction)) ?? new Map());
        ref.defaults = Object.fromEntries(
          Object.entries(given).filter(([name]) => parameters.has(name)),
        );
      }
      if (shape.doc !== undefined) ref.doc = shape.doc;
      if ("default" in shape) ref.default = shape.default;
      return ref;
    }
    const inner = (child: Shape) => replace(child, direction, user);
    switch (shape.kind) {
      case "object": {
        const members = applyGroups(shape, direction, groups);
        return {
          ...shape,
          properties: members.map((member) =>
            "shape" in member ? { ...member, shape: inner(member.shape) } : member,
          ),
          rest: typeof shape.rest === "object" ? inner(shape.rest) : shape.rest,
        };
      }
      case "array":
        return { ...shape, items: inner(shape.items) };
      case "union":
        return { ...shape, options: shape.options.map(inner) };
      case "asyncBatch":
        return { ...shape, request: inner(shape.request) };
      default:
        return shape;
    }
  };
  const models = catalog.map(({ data, input, output }) => ({
    data,
    names: modelNames(data.model.name),
    input: input && replace(input, "input", data.model.name),
    output: output && replace(output, "output", data.model.name),
  }));
  for (const shape of shapes.values()) {
    if (shape.folder === "shared")
      shape.shape = replace(shape.shape, shape.direction, shape.key, shape.key);
  }
  for (const group of groups.values()) {
    group.members = group.members.map((member) => ({
      ...member,
      shape: replace(member.shape, group.direction, group.key),
    }));
  }
  // Who uses a shape, directly or through another shape (for the modules' headers).
  const modelsOf = (key: string, stack: string[] = []): Set<string> => {
    const out = new Set<string>();
    for (const user of users.get(key) ?? []) {
      const group = groups.get(user);
      if (group !== undefined) for (const id of group.users) out.add(id);
      else if (shapes.has(user)) {
        if (!stack.includes(user)) for (const id of modelsOf(user, [...stack, key])) out.add(id);
      } else out.add(user);
    }
    return out;
  };
  for (const shape of shapes.values()) shape.users = [...modelsOf(shape.key)].sort();

  // Request forms that two unions or more share, at the root of an input or output or of a
  // shared shape (not of one that is a function of defaults: its groups pass `defaults`).
  const unionRoots: { union: UnionShape; direction: Direction; users: string[]; at: string }[] = [];
  for (const model of models)
    for (const direction of ["input", "output"] as const) {
      const root = model[direction];
      if (root?.kind === "union")
        unionRoots.push({
          union: root,
          direction,
          users: [model.data.model.name],
          at: model.data.model.name,
        });
    }
  for (const shape of shapes.values())
    if (shape.folder === "shared" && shape.parameters === undefined && shape.shape.kind === "union")
      unionRoots.push({
        union: shape.shape,
        direction: shape.direction,
        users: shape.users,
        at: shape.typeName,
      });
  const formsSeen = new Map<string, typeof unionRoots>();
  for (const root of unionRoots) {
    const key = formsKey(root.union, root.direction);
    if (key !== undefined) formsSeen.set(key, [...(formsSeen.get(key) ?? []), root]);
  }
  const forms = new Map<string, RequestForms>();
  for (const [key, uses] of [...formsSeen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (uses.length < 2) continue;
    const first = uses[0] as (typeof uses)[number];
    const typeName = nameOf(key, {
      shape: first.union,
      direction: first.direction,
      hint: "RequestForms",
      at: `${first.at} (request forms)`,
      users: new Set(uses.flatMap((use) => use.users)),
      uses: uses.length,
      defaults: new Set(),
      exact: new Map(),
    });
    const shared = sharedFields(first.union.options);
    forms.set(key, {
      key,
      direction: first.direction,
      typeName,
      functionName: lowerFirst(typeName),
      file: kebabCase(typeName),
      forms: first.union.options.map((option) => withoutFields(option, shared)),
      exactlyOne: first.union.exactlyOne,
      // The groups as every form calls them; a request's own bounds are among its fields.
      groups: shared
        .filter((member): member is PropertyGroupUse => "group" in member)
        .map(({ group, defaults }) => ({ group, defaults })),
      users: [...new Set(uses.flatMap((use) => use.users))].sort(),
    });
    for (const use of uses) use.union.forms = key;
  }
  if (unnamed.length > 0) {
    if (options.onUnnamed === undefined) throw new UnnamedShapesError(unnamed);
    options.onUnnamed(unnamed);
  }
  const named = { models, shapes, groups, forms };
  usualDefaults(named);
  return named;
}

function checkName(name: string, hash: string, taken: Set<string>): void {
  if (!/^[A-Z][A-Za-z0-9_]*$/.test(name))
    throw new Error(`scripts/shape-names.json: "${name}" (${hash}) is not a PascalCase name`);
  if (taken.has(name))
    throw new Error(`scripts/shape-names.json: "${name}" (${hash}) names two shapes`);
  if (name in globalThis)
    throw new Error(`scripts/shape-names.json: "${name}" (${hash}) shadows a global`);
}

/** The candidate groups' optional members of an object, defaults and docs aside. */
function groupMembers(shape: ObjectShape): Property[][] {
  const out: Property[][] = [];
  for (const candidate of propertyGroupCandidates) {
    const members = shape.properties.filter(
      (member): member is Property =>
        "shape" in member && !member.required && candidate.includes(member.name),
    );
    if (members.length >= minimumGroupSize)
      out.push(
        members.map((member) => {
          const { default: _, ...rest } = member.shape;
          return { ...member, shape: rest as Shape };
        }),
      );
  }
  return out;
}

/**
 * What a group's key leaves out: docs, and what a type does not say (bounds, patterns,
 * defaults, `oneOf`'s "exactly one").
 */
const notTyped = new Set([
  "doc",
  "default",
  "defaults",
  "exactlyOne",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
]);

/**
 * The key of a group: its members' names and types (docs, bounds, patterns and defaults
 * aside), so that objects whose members differ only in bounds share one group and write their
 * own bounds after it (see {@link applyGroups}); the group's docs are those of its most common
 * form.
 */
function groupKey(direction: Direction, members: Property[]): string {
  const sorted = [...members].sort((a, b) => (a.name < b.name ? -1 : 1));
  const typed = JSON.stringify(sorted, (key, value) => (notTyped.has(key) ? undefined : value));
  return `${direction}:group:${typed}`;
}

/** The exact key of a group's members (bounds included; defaults are stripped already). */
function exactGroupKey(direction: Direction, members: Property[]): string {
  return `${direction}:group:${fingerprint({ kind: "object", properties: members, rest: "open" })}`;
}

/** An object's members with each group that is written once in place of its members. */
function applyGroups(
  shape: ObjectShape,
  direction: Direction,
  groups: Map<string, PropertyGroup>,
): Member[] {
  let members: Member[] = shape.properties;
  for (const group of groupMembers(shape)) {
    const key = groupKey(direction, group);
    const written = groups.get(key);
    if (written === undefined) continue;
    const names = new Set(group.map((member) => member.name));
    const defaults: { [name: string]: Json } = {};
    for (const member of members)
      if ("shape" in member && names.has(member.name) && "default" in member.shape)
        defaults[member.name] = member.shape.default as Json;
    // The members whose schema is not the group's (other bounds), as they stand here.
    const own = new Map(group.map((member) => [member.name, fingerprint(member.shape)]));
    const overrides = written.members
      .filter((member) => own.get(member.name) !== fingerprint(member.shape))
      .map((member) =>
        members.find(
          (candidate): candidate is Property =>
            "shape" in candidate && candidate.name === member.name,
        ),
      )
      .filter((member) => member !== undefined);
    // An overridden member brings its own default.
    for (const member of overrides) delete defaults[member.name];
    const first = members.findIndex((member) => "shape" in member && names.has(member.name));
    const use: PropertyGroupUse = { group: key, defaults };
    if (overrides.length > 0) use.overrides = overrides;
    members = members.flatMap((member, index) =>
      index === first ? [use] : "shape" in member && names.has(member.name) ? [] : [member],
    );
  }
  return members;
}

/** The shape of the first optional property named `name` in a shape (not below `stop`). */
function propertyShape(
  shape: Shape,
  name: string,
  stop: (shape: Shape) => boolean,
): Shape | undefined {
  if (shape.kind === "object")
    for (const member of shape.properties)
      if ("shape" in member && !member.required && member.name === name) return member.shape;
  for (const child of childrenOf(shape)) {
    if (stop(child)) continue;
    const found = propertyShape(child, name, stop);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Sets the usual defaults of each function of defaults: the defaults that two of its uses or
 * more pass, the most common (ties broken by their JSON). They become the function's default
 * argument, so that those uses call it without one: `chatCompletionsOptions()`.
 */
function usualDefaults(catalog: NamedCatalog): void {
  const counts = new Map<string, Map<string, number>>();
  const count = (key: string, defaults: { [name: string]: Json }) => {
    const byArgument = counts.get(key) ?? new Map<string, number>();
    const argument = JSON.stringify(defaults);
    byArgument.set(argument, (byArgument.get(argument) ?? 0) + 1);
    counts.set(key, byArgument);
  };
  const visit = (shape: Shape) => {
    if (shape.kind === "ref" && shape.defaults !== undefined) count(shape.key, shape.defaults);
    if (shape.kind === "union" && shape.forms !== undefined) {
      // Its groups are counted with its request forms; the rest of it is its own.
      for (const option of shape.options)
        if (option.kind === "object")
          for (const member of option.properties) if ("shape" in member) visit(member.shape);
      return;
    }
    if (shape.kind === "object")
      for (const member of shape.properties)
        if ("group" in member) count(member.group, member.defaults);
    for (const child of childrenOf(shape)) visit(child);
  };
  for (const model of catalog.models) {
    if (model.input !== undefined) visit(model.input);
    if (model.output !== undefined) visit(model.output);
  }
  // Uses inside a function of defaults (a shape that takes defaults, a group) pass that
  // function's `defaults`: not counted. Request forms call their groups once, in their module.
  for (const shape of catalog.shapes.values())
    if (shape.folder === "shared" && shape.parameters === undefined) visit(shape.shape);
  for (const forms of catalog.forms.values())
    for (const member of forms.groups) count(member.group, member.defaults);
  const usual = (key: string) => {
    const [best] = [...(counts.get(key) ?? [])]
      .filter(([, uses]) => uses >= 2)
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
    // No defaults is what a call without an argument means anyway.
    return best === undefined || best[0] === "{}"
      ? undefined
      : (JSON.parse(best[0]) as { [name: string]: Json });
  };
  for (const shape of catalog.shapes.values())
    if (shape.parameters !== undefined) shape.usual = usual(shape.key);
  for (const group of catalog.groups.values()) group.usual = usual(group.key);
}

/**
 * The key of a union's request forms: its forms without the fields they share, and the
 * property groups among those fields with their defaults (not their overrides); `undefined`
 * when the forms share no group or an option is not an object.
 */
function formsKey(union: UnionShape, direction: Direction): string | undefined {
  const shared = sharedFields(union.options);
  // A group's overrides are fields the request adds: they are not part of its forms.
  const groups = shared.flatMap((member) =>
    "group" in member ? [{ group: member.group, defaults: member.defaults }] : [],
  );
  // Forms are objects only: a type `Forms & { ...fields }` must not give a string fields.
  if (groups.length === 0 || union.options.some((option) => option.kind !== "object"))
    return undefined;
  const forms = union.options.map((option) => withoutFields(option, shared));
  return `${direction}:forms:${JSON.stringify({ forms, groups, exactlyOne: union.exactlyOne })}`;
}
