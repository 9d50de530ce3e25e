/**
 * One chat message checked, and the role shortcuts of `ChatMessage` as functions of
 * their own. A module apart from the `ChatMessage` object and its valibot schema: a
 * bundler keeps a module's top-level schemas whenever it keeps the module (esbuild does
 * not follow valibot's no-side-effects marks across modules), so a Worker that makes or
 * checks messages here carries neither the schema nor typed lists and builders.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { type SafeResult, TypedArrayError } from "@wai/typed-array";
import { describeIssues } from "../issues.js";
import type {
  AssistantChatMessage,
  ChatContentPart,
  ChatMessage,
  ChatMessageInput,
  SystemChatMessage,
  TextUserChatMessage,
  ToolChatMessage,
  UserChatMessage,
} from "./chat-message.js";

type Issues = StandardSchemaV1.Issue[];
type Path = readonly PropertyKey[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
const isString = (value: unknown): value is string => typeof value === "string";
const isOptionalString = (value: unknown) => value === undefined || typeof value === "string";

/** A value as an issue's message shows it: `"text"`, `42`, `null`, `Array`, `Object`. */
function received(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "Function";
  if (typeof value !== "object" || value === null) return String(value);
  return Array.isArray(value) ? "Array" : "Object";
}

/** Adds an issue at `path` when `ok` is false: `expected` is what was wanted there. */
function must(ok: boolean, expected: string, value: unknown, path: Path, issues: Issues) {
  if (!ok) issues.push({ message: `Expected ${expected} but received ${received(value)}`, path });
}

/** Checks `object[key]` with `ok`; `expected` says what it must be. */
function field(
  object: Record<string, unknown>,
  key: string,
  ok: (value: unknown) => boolean,
  expected: string,
  path: Path,
  issues: Issues,
) {
  must(ok(object[key]), expected, object[key], [...path, key], issues);
}

/** Checks an array, and each of its items with `item`. */
function list(
  value: unknown,
  item: (value: unknown, path: Path, issues: Issues) => void,
  path: Path,
  issues: Issues,
) {
  must(Array.isArray(value), "Array", value, path, issues);
  if (Array.isArray(value)) {
    for (const [index, element] of value.entries()) item(element, [...path, index], issues);
  }
}

/** A part of a user message's content: `{ type: "text", text }` or `{ type: "image_url", image_url }`. */
function checkPart(part: unknown, path: Path, issues: Issues) {
  must(isObject(part), "Object", part, path, issues);
  if (!isObject(part)) return;
  if (part.type === "text") {
    field(part, "text", isString, "string", path, issues);
  } else if (part.type === "image_url") {
    const image = part.image_url;
    must(isObject(image), "Object", image, [...path, "image_url"], issues);
    if (!isObject(image)) return;
    field(image, "url", isString, "string", [...path, "image_url"], issues);
    const detail = (value: unknown) =>
      value === undefined || value === "auto" || value === "low" || value === "high";
    field(image, "detail", detail, '("auto" | "low" | "high")', [...path, "image_url"], issues);
  } else {
    field(part, "type", () => false, '("text" | "image_url")', path, issues);
  }
}

/** A tool call of an assistant message, in the OpenAI form. */
function checkToolCall(call: unknown, path: Path, issues: Issues) {
  must(isObject(call), "Object", call, path, issues);
  if (!isObject(call)) return;
  field(call, "id", isString, "string", path, issues);
  field(call, "type", (type) => type === "function", '"function"', path, issues);
  const fn = call.function;
  must(isObject(fn), "Object", fn, [...path, "function"], issues);
  if (!isObject(fn)) return;
  field(fn, "name", isString, "string", [...path, "function"], issues);
  field(fn, "arguments", isString, "string", [...path, "function"], issues);
}

/**
 * Checks one chat message as `ChatMessageSchema` does, and gives the message the
 * schema gives (a new object with the message's own fields, their values as given; an
 * assistant's missing or `null` content becomes `""`), or every issue with its path: the role shortcuts make their messages
 * with it, and `@wai/ai-client`'s tool loop checks the messages it is given. Written out
 * rather than run through the valibot schema, so that a Worker that makes or checks
 * messages this way carries no valibot variant, union or array schema; a differential
 * test holds the two together. Its paths lead to the exact key, also inside a user
 * message's content parts (where the schema's union stops at `content`).
 *
 * @returns The message, or a `TypedArrayError` `"invalid-value"` whose issues' paths name
 *   the keys (the error a role shortcut throws).
 *
 * @example
 * ```ts
 * import { safeParseChatMessage } from "@wai/ai-models";
 *
 * const result = safeParseChatMessage({ role: "tool", content: "19°C" });
 * if (!result.success) console.log(result.error.message); // "Invalid value: Expected string but received undefined at tool_call_id"
 * ```
 */
export function safeParseChatMessage(value: unknown): SafeResult<ChatMessage> {
  const issues: Issues = [];
  must(isObject(value), "Object", value, [], issues);
  if (isObject(value)) {
    const { role } = value;
    if (role === "system") {
      field(value, "content", isString, "string", [], issues);
    } else if (role === "user") {
      if (Array.isArray(value.content)) list(value.content, checkPart, ["content"], issues);
      else field(value, "content", isString, "(string | Array)", [], issues);
    } else if (role === "assistant") {
      field(value, "content", (c) => c == null || isString(c), "string", [], issues);
      if (value.tool_calls !== undefined)
        list(value.tool_calls, checkToolCall, ["tool_calls"], issues);
      field(value, "reasoning_content", isOptionalString, "string", [], issues);
    } else if (role === "tool") {
      field(value, "content", isString, "string", [], issues);
      field(value, "tool_call_id", isString, "string", [], issues);
    } else {
      field(value, "role", () => false, '("system" | "user" | "assistant" | "tool")', [], issues);
    }
    field(value, "name", isOptionalString, "string", [], issues);
  }
  if (issues.length > 0) {
    return {
      success: false,
      issues,
      error: new TypedArrayError(`Invalid value: ${describeIssues(issues)}`, {
        code: "invalid-value",
        issues,
      }),
    };
  }
  const message = { ...(value as object) } as ChatMessage;
  if (message.role === "assistant") message.content ??= "";
  return { success: true, value: message };
}

/** Options every role shortcut takes. */
export interface NameOption {
  /** The name of the participant, for models that tell participants apart. */
  name?: string | undefined;
}

/** One message, checked by {@link safeParseChatMessage}; its error thrown. */
function build<M extends ChatMessage>(message: ChatMessageInput): M {
  const result = safeParseChatMessage(message);
  if (!result.success) throw result.error;
  return result.value as M;
}

/** `{ ...options }` without the keys whose value is `undefined`. */
function defined<T extends object>(
  options: T | undefined,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(
    Object.entries(options ?? {}).filter(([, value]) => value !== undefined),
  ) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * A system message, validated: `ChatMessage.system` as a function of its own. The
 * four role functions make the same messages as `ChatMessage`'s shortcuts, for a bundle
 * that needs neither message lists nor the fluent builder (the tool loop of
 * `@wai/ai-client` uses them): importing `ChatMessage` brings both.
 *
 * @throws `TypedArrayError` `"invalid-value"` naming the key (a non-string content...).
 *
 * @example
 * ```ts
 * import { systemMessage } from "@wai/ai-models";
 *
 * console.log(systemMessage("Be brief.")); // { role: "system", content: "Be brief." }
 * ```
 */
export function systemMessage(content: string, options?: NameOption): SystemChatMessage {
  return build({ ...defined(options), role: "system", content });
}

/**
 * A user message, validated: text, or content parts (text and images);
 * `ChatMessage.user` as a function of its own.
 *
 * @throws `TypedArrayError` `"invalid-value"` naming the key.
 *
 * @example
 * ```ts
 * import { userMessage } from "@wai/ai-models";
 *
 * console.log(userMessage("What is the weather in Paris?", { name: "ada" }));
 * // { name: "ada", role: "user", content: "What is the weather in Paris?" }
 * ```
 */
export const userMessage = ((content: string | ChatContentPart[], options?: NameOption) =>
  build({ ...defined(options), role: "user", content })) as {
  (content: string, options?: NameOption): TextUserChatMessage;
  (content: string | ChatContentPart[], options?: NameOption): UserChatMessage;
};

/**
 * An assistant message, validated, with the tool calls it made, if any (in the OpenAI
 * form, object arguments as their JSON); `ChatMessage.assistant` as a function of
 * its own.
 *
 * @throws `TypedArrayError` `"invalid-value"` naming the key.
 *
 * @example
 * ```ts
 * import { assistantMessage } from "@wai/ai-models";
 *
 * const message = assistantMessage("", {
 *   toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
 * });
 * console.log(message.tool_calls?.[0]?.function.arguments); // '{"city":"Paris"}'
 * ```
 */
export function assistantMessage(
  content: string,
  options?: NameOption & {
    /** The calls; object arguments are sent as their JSON. */
    toolCalls?: { id: string; name: string; arguments: string | object }[] | undefined;
  },
): AssistantChatMessage {
  const { toolCalls, ...rest } = options ?? {};
  return build({
    ...defined(rest),
    role: "assistant",
    content,
    ...(toolCalls && {
      tool_calls: toolCalls.map((call) => ({
        id: call.id,
        type: "function" as const,
        function: {
          name: call.name,
          arguments:
            typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
        },
      })),
    }),
  });
}

/**
 * A tool's result, validated, answering the call with the given id;
 * `ChatMessage.tool` as a function of its own.
 *
 * @throws `TypedArrayError` `"invalid-value"` naming the key.
 *
 * @example
 * ```ts
 * import { toolMessage } from "@wai/ai-models";
 *
 * const message = toolMessage('{"celsius":19}', { toolCallId: "call_1" });
 * console.log(message.tool_call_id); // "call_1"
 * ```
 */
export function toolMessage(
  content: string,
  options: NameOption & { toolCallId: string },
): ToolChatMessage {
  const { toolCallId, ...rest } = options;
  return build({ ...defined(rest), role: "tool", content, tool_call_id: toolCallId });
}
