/**
 * Typed, checked calls to Cloudflare Workers AI: `createAi(env.AI)` joins the model
 * catalog of `@wai/ai-models` to a binding (`env.AI`, the emulator, or the REST API),
 * with correct streams, tools, structured output, batch, errors and retries.
 *
 * @module
 */
export {
  AiClientError,
  type AiClientErrorKind,
  type AiClientErrorOptions,
  isRetryable,
} from "./ai-client-error.js";
export type { BatchOptions, BatchResult } from "./batch.js";
export type { ChatStream } from "./chat-stream.js";
export { type AiClient, createAi } from "./create-ai.js";
export { type RestBinding, type RestBindingOptions, restBinding } from "./rest-binding.js";
export type { StructuredOptions } from "./structured-output.js";
export type {
  StepFinishEvent,
  StepStartEvent,
  ToolLoopEvent,
  ToolLoopOptions,
  ToolLoopResult,
  ToolLoopStep,
  ToolLoopStream,
  ToolResult,
  ToolResultEvent,
} from "./tool-loop.js";
export type {
  AiBinding,
  AiClientOptions,
  AiServiceBinding,
  BinaryOutput,
  CallOptions,
  GatewayOptions,
  InputOf,
  OutputOf,
  RetryOptions,
  RunOptions,
  RunOutput,
  StreamableModelId,
  UnknownModelId,
} from "./types.js";
