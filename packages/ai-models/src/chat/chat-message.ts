import { type FluentBuilder, fluentBuilder, TypedArray } from "@wai/typed-array";
import * as v from "valibot";
import { assistantMessage, systemMessage, toolMessage, userMessage } from "./role-messages.js";

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
