import { type FluentBuilder, fluentBuilder, TypedArray } from "@wai/typed-array";
import * as v from "valibot";

const name = v.optional(v.string());

/** A part of a user message's content: text, or an image by URL (`https:` or `data:`). */
const ContentPart = v.variant("type", [
  v.looseObject({ type: v.literal("text"), text: v.string() }),
  v.looseObject({
    type: v.literal("image_url"),
    image_url: v.looseObject({
      url: v.string(),
      detail: v.optional(v.picklist(["auto", "low", "high"])),
    }),
  }),
]);

/** A tool call an assistant made, in the OpenAI form every model accepts back. */
const AssistantToolCall = v.looseObject({
  id: v.string(),
  type: v.literal("function"),
  function: v.looseObject({ name: v.string(), arguments: v.string() }),
});

/**
 * The schema of one chat message, as every Workers AI text-generation model takes it:
 * a `system`, `user`, `assistant` or `tool` message. Unknown fields are kept. An
 * assistant's missing content becomes `""`, because the binding rejects `content: null`.
 */
export const ChatMessageSchema = v.variant("role", [
  v.looseObject({ role: v.literal("system"), content: v.string(), name }),
  v.looseObject({
    role: v.literal("user"),
    content: v.union([v.string(), v.array(ContentPart)]),
    name,
  }),
  v.looseObject({
    role: v.literal("assistant"),
    content: v.optional(v.nullish(v.string(), ""), ""),
    name,
    tool_calls: v.optional(v.array(AssistantToolCall)),
    reasoning_content: v.optional(v.string()),
  }),
  v.looseObject({ role: v.literal("tool"), content: v.string(), tool_call_id: v.string(), name }),
]);

/** One chat message (the output of {@link ChatMessageSchema}). */
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;
/** What may be given as a chat message (the input of {@link ChatMessageSchema}). */
export type ChatMessageInput = v.InferInput<typeof ChatMessageSchema>;
/** A content part of a user message. */
export type ChatContentPart = v.InferOutput<typeof ContentPart>;

const build = (message: ChatMessageInput): ChatMessage =>
  TypedArray.of(ChatMessageSchema, message)[0] as ChatMessage;

/**
 * Chat messages: a schema, a fluent builder, role shortcuts and typed message lists.
 * Every message made here is validated: a wrong role, a missing `tool_call_id` or a
 * non-string content throws a `TypedArrayError` naming the key.
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

  /** A fluent builder of one message: `.role("user").content("hello").build()`. */
  builder(): FluentBuilder<ChatMessageInput, ChatMessage> {
    return fluentBuilder(ChatMessageSchema);
  },

  /** A system message. */
  system(content: string, options?: { name?: string | undefined }): ChatMessage {
    return build({ ...options, role: "system", content });
  },

  /** A user message: text, or content parts (text and images). */
  user(content: string | ChatContentPart[], options?: { name?: string | undefined }): ChatMessage {
    return build({ ...options, role: "user", content });
  },

  /** An assistant message, with the tool calls it made, if any. */
  assistant(
    content: string,
    options?: {
      name?: string | undefined;
      toolCalls?: { id: string; name: string; arguments: string | object }[] | undefined;
    },
  ): ChatMessage {
    const { toolCalls, ...rest } = options ?? {};
    return build({
      ...rest,
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
  },

  /** A tool's result, answering the call with the given id. */
  tool(content: string, options: { toolCallId: string; name?: string | undefined }): ChatMessage {
    const { toolCallId, ...rest } = options;
    return build({ ...rest, role: "tool", content, tool_call_id: toolCallId });
  },

  /** A typed message list (a real array, validated, with `pushBuilder`). */
  list(...messages: ChatMessageInput[]): TypedArray<ChatMessage> {
    return TypedArray.of(ChatMessageSchema, ...messages);
  },
};
