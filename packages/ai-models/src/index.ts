/**
 * Every Cloudflare Workers AI model, typed and checked at run time, and the chat layer
 * that text-generation models share: messages, tools and one stream event type.
 *
 * @module
 */

export type { SafeResult } from "@wai/typed-array";
export {
  AiModelsError,
  type AiModelsErrorCode,
  type AiModelsErrorOptions,
} from "./ai-models-error.js";
export {
  type AssistantChatMessage,
  type ChatContentPart,
  type ChatImagePart,
  ChatMessage,
  type ChatMessageInput,
  ChatMessageSchema,
  type ChatMessageToolCall,
  type ChatTextPart,
  type SystemChatMessage,
  type TextChatMessage,
  type TextChatMessageInput,
  type TextUserChatMessage,
  type ToolChatMessage,
  type UserChatMessage,
} from "./chat/chat-message.js";
export {
  assistantMessage,
  safeParseChatMessage,
  systemMessage,
  toolMessage,
  userMessage,
} from "./chat/role-messages.js";
export {
  type Tool,
  type ToolDefinition,
  type ToolOptions,
  type ToolParameters,
  tool,
} from "./chat/tool.js";
export type {
  ChatFinishReason,
  ChatOutput,
  ChatStreamEvent,
  ChatToolCall,
  ChatUsage,
  FinishEvent,
  ParsedToolCall,
  ReasoningDeltaEvent,
  TextDeltaEvent,
  ToolCallDeltaEvent,
  ToolCallEvent,
  ToolCallStartEvent,
  UnparsedToolCall,
  UsageEvent,
} from "./chat-stream/chat-stream-event.js";
export {
  collectChatStream,
  emptyChatOutput,
  reduceChatStreamEvent,
} from "./chat-stream/collect-chat-stream.js";
export {
  type DecodeChatStreamOptions,
  decodeChatStream,
} from "./chat-stream/decode-chat-stream.js";
export { normalizeChatOutput } from "./chat-stream/normalize-chat-output.js";
export {
  isModel,
  isStreamableModel,
  type Model,
  type ModelCapabilities,
  type ModelInput,
  type ModelOutput,
  type ModelPrice,
  type ModelStreamEvent,
  type ModelTypes,
  type StreamableModel,
} from "./model.js";
export type { AiModelCatalog, AiModelId } from "./models/catalog.js";
export * from "./models/index.js";
export { type ParsedInput, parseInput, safeParseInput } from "./parse-input.js";
