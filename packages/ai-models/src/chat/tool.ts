import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";
import type { SafeResult } from "@wai/typed-array";
import { AiModelsError, type AiModelsErrorOptions } from "../ai-models-error.js";
import { describeIssues, messageOf } from "../issues.js";
import { jsonSchemaOfValibot, UnsupportedSchemaError } from "./json-schema-of.js";

/** A tool as the binding takes it in `tools: [...]` (the OpenAI form, which every model accepts). */
export interface ToolDefinition {
  type: "function";
  function: { name: string; description: string; parameters: ToolParameters };
}

/**
 * The JSON Schema of a tool's arguments, as models take it: an object schema with its
 * properties (each any JSON Schema) and the names of the required ones.
 */
export interface ToolParameters {
  type: "object";
  properties: { [name: string]: { [keyword: string]: unknown } };
  required?: string[];
  /** Any other keyword of the schema (`additionalProperties`, `$defs`...). */
  [keyword: string]: unknown;
}

/** The options of {@link tool}. */
export interface ToolOptions<Name extends string, Schema extends StandardSchemaV1, Result> {
  /** The name the model calls the tool by: letters, digits, `_` and `-`, at most 64. */
  name: Name;
  /** What the tool does and when to call it: the model reads this. */
  description: string;
  /**
   * The arguments' schema: a valibot schema, or any Standard Schema that also implements
   * Standard JSON Schema. It is turned into the JSON Schema the model sees, and checks
   * the arguments the model sends back.
   */
  parameters: Schema;
  /** Runs the tool with validated arguments (used by a client's tool-calling loop). */
  execute?: ((args: StandardSchemaV1.InferOutput<Schema>) => Result | Promise<Result>) | undefined;
}

/** A tool: its definition for the binding, and a typed check of the arguments it is called with. */
export interface Tool<Name extends string = string, Args = unknown, Result = unknown> {
  readonly name: Name;
  readonly description: string;
  readonly parameters: StandardSchemaV1<unknown, Args>;
  /** What to put in the binding's `tools` array. */
  readonly definition: ToolDefinition;
  readonly execute?: ((args: Args) => Result | Promise<Result>) | undefined;
  /**
   * Parses the arguments a model sent (a JSON string, or an object, as some models send
   * them) and validates them against `parameters`.
   *
   * @throws {@link AiModelsError} `"invalid-tool-arguments"` when the arguments are not
   *   JSON or do not match the schema, `"async-schema"` when the schema validates
   *   asynchronously, `"unsupported-schema"` when it cannot check them (it throws, or
   *   answers no Standard Schema result); each carries the raw arguments as `data`.
   */
  parseArguments(raw: string | object): Args;
  /**
   * {@link Tool.parseArguments} that returns `{ success, value | error }` and never
   * throws, whatever the schema does: every failure is the same {@link AiModelsError}
   * `parseArguments` would throw.
   */
  safeParseArguments(raw: string | object): SafeResult<Args, AiModelsError>;
}

const toolName = /^[a-zA-Z0-9_-]{1,64}$/;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === "object" || typeof value === "function") &&
  value !== null &&
  typeof (value as { then?: unknown }).then === "function";

function jsonSchemaOf(schema: StandardSchemaV1): ToolParameters {
  const standard = (schema as unknown as Partial<StandardJSONSchemaV1>)["~standard"]?.jsonSchema;
  try {
    const json = standard
      ? standard.input({ target: "draft-07" })
      : schema["~standard"].vendor === "valibot"
        ? jsonSchemaOfValibot(schema)
        : undefined;
    if (json) {
      // Models take the schema's body; the dialect marker is noise to them.
      const { $schema: _, ...body } = json;
      if (body.type !== "object")
        throw new AiModelsError(
          `A tool's parameters must be an object schema (got ${JSON.stringify(body.type ?? "no type")})`,
          { code: "unsupported-schema", data: json },
        );
      // An object schema without properties takes no arguments: say so as models expect.
      return {
        ...body,
        type: "object",
        properties: (body.properties ?? {}) as ToolParameters["properties"],
      };
    }
  } catch (cause) {
    if (AiModelsError.isInstance(cause)) throw cause;
    const hint =
      cause instanceof UnsupportedSchemaError
        ? " (for any valibot schema, pass toStandardJsonSchema(schema) of @valibot/to-json-schema)"
        : "";
    throw new AiModelsError(
      `The tool's parameters cannot be turned into JSON Schema: ${(cause as Error).message}${hint}`,
      {
        code: "unsupported-schema",
        cause,
      },
    );
  }
  throw new AiModelsError(
    `The tool's parameters must be a valibot schema or implement Standard JSON Schema (vendor: ${schema["~standard"].vendor})`,
    { code: "unsupported-schema" },
  );
}

/**
 * Defines a tool a model can call. `parameters` is a schema (valibot, or any Standard
 * Schema that implements Standard JSON Schema, as zod 4 and arktype do); the JSON Schema
 * the model sees is made from it, and the same schema checks and types the arguments the
 * model sends back.
 *
 * A valibot schema is written as JSON Schema by a small converter of the kinds tool
 * arguments are made of (objects, arrays, tuples, records, unions, variants, literals,
 * picklists, enums, strings, numbers, booleans, null, optional, nullable and nullish
 * values with their defaults, and the checks that have a JSON Schema keyword), exactly as
 * @valibot/to-json-schema writes them, at a fraction of its weight in a Worker bundle. For
 * any other valibot schema (a date, a transformation...), give
 * `toStandardJsonSchema(schema)` of @valibot/to-json-schema: anything else is refused,
 * never silently dropped.
 *
 * @throws {@link AiModelsError} `"invalid-tool-name"` or `"unsupported-schema"` when the
 *   tool cannot be defined.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { tool } from "@wai/ai-models";
 *
 * const weather = tool({
 *   name: "get_weather",
 *   description: "The current weather in a city",
 *   parameters: v.object({ city: v.string(), unit: v.optional(v.picklist(["C", "F"])) }),
 * });
 * console.log(weather.definition.function.parameters.required); // ["city"]
 *
 * const args = weather.parseArguments('{"city":"Lisbon"}'); // typed { city: string; unit?: "C" | "F" }
 * console.log(args.city); // "Lisbon"
 * ```
 */
export function tool<Name extends string, Schema extends StandardSchemaV1, Result = unknown>(
  options: ToolOptions<Name, Schema, Result>,
): Tool<Name, StandardSchemaV1.InferOutput<Schema>, Result> {
  type Args = StandardSchemaV1.InferOutput<Schema>;
  const { name, description, parameters, execute } = options;
  if (!toolName.test(name)) {
    throw new AiModelsError(
      `Invalid tool name ${JSON.stringify(name)}: use letters, digits, _ and -, at most 64`,
      {
        code: "invalid-tool-name",
        data: name,
      },
    );
  }
  const definition: ToolDefinition = {
    type: "function",
    function: { name, description, parameters: jsonSchemaOf(parameters) },
  };

  type Parsed = SafeResult<Args, AiModelsError>;
  const failure = (message: string, options: AiModelsErrorOptions): Parsed => ({
    success: false,
    issues: options.issues ?? [{ message }],
    error: new AiModelsError(message, options),
  });

  const parse = (raw: string | object): Parsed => {
    let value: unknown = raw;
    if (typeof raw === "string") {
      try {
        value = JSON.parse(raw === "" ? "{}" : raw);
      } catch (cause) {
        return failure(`Invalid arguments for tool ${name}: not JSON (${messageOf(cause)})`, {
          code: "invalid-tool-arguments",
          data: raw,
          cause,
        });
      }
    }
    let result: unknown;
    try {
      result = parameters["~standard"].validate(value);
    } catch (cause) {
      return failure(`The parameters schema of tool ${name} threw: ${messageOf(cause)}`, {
        code: "unsupported-schema",
        data: raw,
        cause,
      });
    }
    if (isThenable(result)) {
      // Nobody will await it: a rejection must not go unhandled.
      Promise.resolve(result).catch(() => {});
      return failure(
        `The parameters schema of tool ${name} validates asynchronously; tools need a synchronous schema`,
        { code: "async-schema", data: raw },
      );
    }
    if (typeof result !== "object" || result === null) {
      return failure(
        `The parameters schema of tool ${name} answered no Standard Schema result but ${messageOf(result)}`,
        { code: "unsupported-schema", data: raw },
      );
    }
    const { issues, value: output } = result as { issues?: unknown; value?: unknown };
    if (issues) {
      if (!Array.isArray(issues)) {
        return failure(
          `The parameters schema of tool ${name} answered issues that are not an array: ${messageOf(issues)}`,
          { code: "unsupported-schema", data: raw },
        );
      }
      return failure(`Invalid arguments for tool ${name}: ${describeIssues(issues)}`, {
        code: "invalid-tool-arguments",
        data: raw,
        issues: issues as StandardSchemaV1.Issue[],
      });
    }
    return { success: true, value: output as Args };
  };

  // Whatever the schema does (throw, answer a promise, answer nonsense, have a getter
  // that throws), safeParseArguments answers with a result.
  const safeParseArguments = (raw: string | object): Parsed => {
    try {
      return parse(raw);
    } catch (cause) {
      return failure(`The parameters schema of tool ${name} failed: ${messageOf(cause)}`, {
        code: "unsupported-schema",
        data: raw,
        cause,
      });
    }
  };

  return {
    name,
    description,
    parameters: parameters as StandardSchemaV1<unknown, Args>,
    definition,
    execute,
    safeParseArguments,
    parseArguments(raw) {
      const result = safeParseArguments(raw);
      if (result.success) return result.value;
      throw result.error;
    },
  };
}
