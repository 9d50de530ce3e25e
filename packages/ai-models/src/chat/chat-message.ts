import type { StandardSchemaV1 } from "@standard-schema/spec";
import { type FluentBuilder, fluentBuilder, TypedArray, TypedArrayError } from "@wai/typed-array";
import * as v from "valibot";
import { describeIssues } from "../issues.js";

/** A text part of a user message's content. */
export interface ChatTextPart {
  type: "text";
  text: string;
}

/** An image part of a user message's content, by URL (`https:` or a `data:` URL). */
export interface ChatImagePart {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high" };
}

/** A part of a user message's content: text, or an image. */
export type ChatContentPart = ChatTextPart | ChatImagePart;

/** A system message: instructions for the model. */
export interface SystemChatMessage {
  role: "system";
  content: string;
  name?: string;
}

/**
 * A user message whose content is text: what every chat model accepts. The user messages
 * that {@link ChatMessage.user} makes from a string, and the ones the builders make by
 * default, have this type.
 */
export interface TextUserChatMessage {
  role: "user";
  content: string;
  name?: string;
}

/**
 * A user message: text, or content parts (text and images), which only the models that
 * see images accept (their input type says so).
 */
export interface UserChatMessage {
  role: "user";
  content: string | ChatContentPart[];
  name?: string;
}

/** A tool call an assistant made, in the OpenAI form every model accepts back. */
export interface ChatMessageToolCall {
  /** The call's id, echoed by the `tool` message that answers it. */
  id: string;
  type: "function";
  function: {
    name: string;
    /** The arguments, as a JSON string. */
    arguments: string;
  };
}

/** An assistant message: its text (possibly empty) and the tool calls it made, if any. */
export interface AssistantChatMessage {
  role: "assistant";
  /** The text; `""` when the assistant only called tools (the binding refuses `null`). */
  content: string;
  name?: string;
  tool_calls?: ChatMessageToolCall[];
  reasoning_content?: string;
}

/** A tool's result, answering the assistant's call with the id `tool_call_id`. */
export interface ToolChatMessage {
  role: "tool";
  content: string;
  tool_call_id: string;
  name?: string;
}

/**
 * One chat message: a `system`, `user`, `assistant` or `tool` message, as Workers AI
 * text-generation models take them.
 */
export type ChatMessage =
  | SystemChatMessage
  | UserChatMessage
  | AssistantChatMessage
  | ToolChatMessage;

/**
 * A chat message whose content is text: what every chat model of the catalog accepts,
 * including the many that take no image parts.
 */
export type TextChatMessage =
  | SystemChatMessage
  | TextUserChatMessage
  | AssistantChatMessage
  | ToolChatMessage;

/**
 * What may be given as a chat message: a {@link ChatMessage}, where an assistant's content
 * may be missing or `null` (it becomes `""`).
 */
export type ChatMessageInput =
  | SystemChatMessage
  | UserChatMessage
  | (Omit<AssistantChatMessage, "content"> & { content?: string | null })
  | ToolChatMessage;

/** What may be given as a text message: a {@link ChatMessageInput} whose content is text. */
export type TextChatMessageInput = Exclude<ChatMessageInput, UserChatMessage> | TextUserChatMessage;

const name = v.optional(v.string());

const contentPartSchema = v.variant("type", [
  v.looseObject({ type: v.literal("text"), text: v.string() }),
  v.looseObject({
    type: v.literal("image_url"),
    image_url: v.looseObject({
      url: v.string(),
      detail: v.optional(v.picklist(["auto", "low", "high"])),
    }),
  }),
]);

const toolCallSchema = v.looseObject({
  id: v.string(),
  type: v.literal("function"),
  function: v.looseObject({ name: v.string(), arguments: v.string() }),
});

/**
 * The schema of one chat message (see {@link ChatMessage}). Unknown fields are kept. An
 * assistant's missing or `null` content becomes `""`, because the binding rejects
 * `content: null`.
 */
export const ChatMessageSchema: v.GenericSchema<ChatMessageInput, ChatMessage> = v.variant("role", [
  v.looseObject({ role: v.literal("system"), content: v.string(), name }),
  v.looseObject({
    role: v.literal("user"),
    content: v.union([v.string(), v.array(contentPartSchema)]),
    name,
  }),
  v.looseObject({
    role: v.literal("assistant"),
    content: v.optional(v.nullish(v.string(), ""), ""),
    name,
    tool_calls: v.optional(v.array(toolCallSchema)),
    reasoning_content: v.optional(v.string()),
  }),
  v.looseObject({
    role: v.literal("tool"),
    content: v.string(),
    tool_call_id: v.string(),
    name,
  }),
]) as v.GenericSchema<ChatMessageInput, ChatMessage>;

/** Options every role shortcut takes. */
interface NameOption {
  /** The name of the participant, for models that tell participants apart. */
  name?: string | undefined;
}

/**
 * One message, validated: the schema's output, or a `TypedArrayError` `"invalid-value"`
 * whose issues' paths name the keys, as the fluent builder's. One schema run, no list: a
 * bundle that only makes messages this way keeps none of `@wai/typed-array` but its error.
 */
function build<M extends ChatMessage>(message: ChatMessageInput): M {
  // Valibot validates synchronously: its Standard Schema result is never a promise.
  const result = ChatMessageSchema["~standard"].validate(
    message,
  ) as StandardSchemaV1.Result<ChatMessage>;
  if (result.issues) {
    throw new TypedArrayError(`Invalid value: ${describeIssues(result.issues)}`, {
      code: "invalid-value",
      issues: result.issues,
    });
  }
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
 * A system message, validated: {@link ChatMessage.system} as a function of its own. The
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
 * {@link ChatMessage.user} as a function of its own.
 *
 * @throws `TypedArrayError` `"invalid-value"` naming the key.
 */
export const userMessage = ((content: string | ChatContentPart[], options?: NameOption) =>
  build({ ...defined(options), role: "user", content })) as {
  (content: string, options?: NameOption): TextUserChatMessage;
  (content: string | ChatContentPart[], options?: NameOption): UserChatMessage;
};

/**
 * An assistant message, validated, with the tool calls it made, if any (in the OpenAI
 * form, object arguments as their JSON); {@link ChatMessage.assistant} as a function of
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
 * {@link ChatMessage.tool} as a function of its own.
 *
 * @throws `TypedArrayError` `"invalid-value"` naming the key.
 */
export function toolMessage(
  content: string,
  options: NameOption & { toolCallId: string },
): ToolChatMessage {
  const { toolCallId, ...rest } = options;
  return build({ ...defined(rest), role: "tool", content, tool_call_id: toolCallId });
}

/**
 * Chat messages: a schema, a fluent builder, role shortcuts and typed message lists.
 * Every message made here is validated: a wrong role, a missing `tool_call_id` or a
 * non-string content throws a `TypedArrayError` naming the key (`"invalid-value"` from a
 * shortcut or the builder, `"invalid-item"` with the index from a list).
 *
 * Text is what every chat model accepts; image parts only some. So the types follow the
 * content: `ChatMessage.user("hi")` is a {@link TextUserChatMessage}, a list of text
 * messages is a `TypedArray<TextChatMessage>` (assignable to the `messages` of every chat
 * model), and a list with an image part is a `TypedArray<ChatMessage>` (assignable to the
 * models that see images only).
 *
 * @example
 * ```ts
 * import { ChatMessage } from "@wai/ai-models";
 *
 * const messages = ChatMessage.list(ChatMessage.system("Be brief."), ChatMessage.user("Hello"));
 * messages.pushBuilder((m) => m.role("assistant").content("Hi!"));
 * messages.push(ChatMessage.user("What is 2 + 2?"));
 * console.log(messages.length); // 4, and messages is a real array for env.AI.run
 *
 * const built = ChatMessage.builder().role("user").content("hello").build();
 * console.log(built); // { role: "user", content: "hello" }
 * ```
 */
export const ChatMessage = {
  /** The schema of one message; see {@link ChatMessageSchema}. */
  schema: ChatMessageSchema,

  /**
   * A fluent builder of one message: `.role("user").content("hello").build()`. It builds
   * a {@link TextChatMessage} unless asked for another type (`builder<ChatMessage>()`
   * also takes image parts).
   */
  builder<M extends ChatMessage = TextChatMessage>(): FluentBuilder<M, M> {
    return fluentBuilder(ChatMessageSchema) as never;
  },

  /** A system message (see {@link systemMessage}). */
  system: systemMessage,

  /** A user message: text, or content parts (text and images) (see {@link userMessage}). */
  user: userMessage,

  /** An assistant message, with the tool calls it made, if any (see {@link assistantMessage}). */
  assistant: assistantMessage,

  /** A tool's result, answering the call with the given id (see {@link toolMessage}). */
  tool: toolMessage,

  /**
   * A typed message list (a real array, validated, with `pushBuilder`): a
   * `TypedArray<TextChatMessage>` when every message given is text (an empty list too), a
   * `TypedArray<ChatMessage>` when one has image parts. For an empty list that will take
   * images, name its type: `ChatMessage.list<ChatMessage>()`.
   */
  list: ((...messages: ChatMessageInput[]) => TypedArray.of(ChatMessageSchema, ...messages)) as {
    (...messages: TextChatMessageInput[]): TypedArray<TextChatMessage>;
    (...messages: ChatMessageInput[]): TypedArray<ChatMessage>;
    <M extends ChatMessage>(...messages: M[]): TypedArray<M>;
  },
};
