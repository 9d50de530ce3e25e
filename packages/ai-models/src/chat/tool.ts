import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";
import { toJsonSchema } from "@valibot/to-json-schema";
import type { GenericSchema } from "valibot";
import { AiModelsError } from "../ai-models-error.js";

/** A tool as the binding takes it in `tools: [...]` (the OpenAI form, which every model accepts). */
export interface ToolDefinition {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
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
   * @throws {@link AiModelsError} `"invalid-tool-arguments"`, carrying the raw arguments.
   */
  parseArguments(raw: string | object): Args;
  /** {@link Tool.parseArguments} that returns `{ success, value | error }` and never throws. */
  safeParseArguments(
    raw: string | object,
  ): { success: true; value: Args } | { success: false; error: AiModelsError };
}

const toolName = /^[a-zA-Z0-9_-]{1,64}$/;

function jsonSchemaOf(schema: StandardSchemaV1): Record<string, unknown> {
  const standard = (schema as unknown as Partial<StandardJSONSchemaV1>)["~standard"]?.jsonSchema;
  try {
    const json = standard
      ? standard.input({ target: "draft-07" })
      : schema["~standard"].vendor === "valibot"
        ? (toJsonSchema(schema as GenericSchema) as Record<string, unknown>)
        : undefined;
    if (json) {
      // Models take the schema's body; the dialect marker is noise to them.
      const { $schema: _, ...body } = json;
      return body;
    }
  } catch (cause) {
    throw new AiModelsError(
      `The tool's parameters cannot be turned into JSON Schema: ${(cause as Error).message}`,
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
 * Schema that implements Standard JSON Schema); the JSON Schema the model sees is made
 * from it with @valibot/to-json-schema (or the schema's own converter), and the same
 * schema checks and types the arguments the model sends back.
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

  const safeParseArguments = (raw: string | object) => {
    const invalid = (
      message: string,
      extra: { issues?: readonly StandardSchemaV1.Issue[]; cause?: unknown },
    ) => ({
      success: false as const,
      error: new AiModelsError(`Invalid arguments for tool ${name}: ${message}`, {
        code: "invalid-tool-arguments",
        data: raw,
        ...extra,
      }),
    });
    let value: unknown = raw;
    if (typeof raw === "string") {
      try {
        value = JSON.parse(raw === "" ? "{}" : raw);
      } catch (cause) {
        return invalid(`not JSON (${(cause as Error).message})`, { cause });
      }
    }
    const result = parameters["~standard"].validate(value);
    if (result instanceof Promise) {
      result.then(undefined, () => {});
      throw new AiModelsError(`The parameters schema of tool ${name} is asynchronous`, {
        code: "unsupported-schema",
      });
    }
    if (result.issues) {
      const where = (issue: StandardSchemaV1.Issue) =>
        issue.path?.length
          ? ` at ${issue.path.map((key) => (key as StandardSchemaV1.PathSegment).key ?? key).join(".")}`
          : "";
      return invalid(result.issues.map((issue) => issue.message + where(issue)).join("; "), {
        issues: result.issues,
      });
    }
    return { success: true as const, value: result.value as Args };
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
