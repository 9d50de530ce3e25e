/**
 * A local, wire-faithful Cloudflare Workers AI: `createEmulator()` gives an object with
 * the `env.AI` binding's shape that answers every catalog model offline and
 * deterministically; scripts, faults, call records and byte-for-byte recordings make it
 * a test double; `createRestHandler` serves Cloudflare's REST and OpenAI-compatible API.
 *
 * @module
 */
export { createEmulator, type Emulator, type EmulatorRunOptions } from "./create-emulator.js";
export { AiInternalError, type ErrorCode, errorCodes, InferenceUpstreamError } from "./errors.js";
export { type AiRecorder, type RecordableBinding, recordAi } from "./recorder.js";
export { createRestHandler, type RestHandlerOptions } from "./rest.js";
export type {
  EmulatorCall,
  EmulatorModelInfo,
  EmulatorModelsParams,
  EmulatorOptions,
  RecordedCall,
  Recording,
  ScriptedReply,
  ScriptOptions,
  ServeOptions,
} from "./types.js";
