/**
 * Every Cloudflare Workers AI model, typed and checked at run time, and the chat layer
 * that text-generation models share: messages, tools and one stream event type.
 *
 * @module
 */
export {
  AiModelsError,
  type AiModelsErrorCode,
  type AiModelsErrorOptions,
} from "./ai-models-error.js";
export {
  type ChatContentPart,
  ChatMessage,
  type ChatMessageInput,
  ChatMessageSchema,
} from "./chat/chat-message.js";
export { type Tool, type ToolDefinition, type ToolOptions, tool } from "./chat/tool.js";
