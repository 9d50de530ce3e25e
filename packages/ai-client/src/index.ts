/**
 * Typed, checked calls to Cloudflare Workers AI: `createAi(env.AI)` joins the model
 * catalog of `@wai/ai-models` to a binding (`env.AI`, the emulator, or the REST API),
 * with `run`, correct streams, errors and retries; the tool loop (`runTools`,
 * `streamTools`), structured output (`structured`) and async batch (`batch`) are
 * functions of the client, so that a bundle keeps only what it uses.
 *
 * @module
 */
export {
  AiClientError,
  type AiClientErrorKind,
  type AiClientErrorOptions,
  isRetryable,
} from "./ai-client-error.js";
export { type BatchOptions, type BatchResult, batch } from "./batch.js";
export type { ChatStream } from "./chat-stream.js";
export { type AiClient, createAi } from "./create-ai.js";
export { type RestBinding, type RestBindingOptions, restBinding } from "./rest-binding.js";
export { type StructuredOptions, structured } from "./structured-output.js";
export {
  runTools,
  type StepFinishEvent,
  type StepStartEvent,
  streamTools,
  type ToolLoopEvent,
  type ToolLoopOptions,
  type ToolLoopResult,
  type ToolLoopStep,
  type ToolLoopStream,
  type ToolResult,
  type ToolResultEvent,
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
