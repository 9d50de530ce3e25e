// The public types of @wai/ai-emulator.

/**
 * The next reply of a model, scripted by a test: what to answer (text, reasoning, tool
 * calls, usage), an error to fail with, and faults to inject.
 */
export interface ScriptedReply {
  /** The answer's text (text generation). */
  text?: string | undefined;
  /** The reasoning sent before the text (OpenAI-format models). */
  reasoning?: string | undefined;
  /** Tool calls to make; `arguments` is an object. */
  toolCalls?: { id?: string | undefined; name: string; arguments?: unknown }[] | undefined;
  /** Usage to report instead of the counted one. */
  usage?:
    | { prompt_tokens?: number | undefined; completion_tokens?: number | undefined }
    | undefined;
  /** The finish reason to send (`"stop"`, `"length"`, `"tool_calls"`...). */
  finishReason?: string | undefined;
  /**
   * Fail with this Workers AI error code (and message) instead of answering, e.g.
   * `{ code: 3040 }`; the status is the code's (see `errorCodes`).
   */
  error?: { code: number; message?: string | undefined } | undefined;
  /** Latency to inject, in milliseconds. */
  latency?:
    | {
        /** Before the response (headers) comes. */
        responseMs?: number | undefined;
        /** Before the first chunk of a stream. */
        firstChunkMs?: number | undefined;
        /** Between two chunks of a stream. */
        betweenChunksMs?: number | undefined;
      }
    | undefined;
  /** End the stream early: no finish reason, no usage trailer, no `[DONE]`. */
  truncate?: boolean | undefined;
  /** Error the stream (a lost connection) after this many chunks. */
  failAfterChunks?: number | undefined;
}

/** Where a scripted reply applies. */
export interface ScriptOptions {
  /** Only calls of this model take it; any model when absent. */
  model?: string | undefined;
  /**
   * How many calls take it.
   *
   * @defaultValue 1
   */
  times?: number | undefined;
}

/** One call the emulator answered, for assertions. */
export interface EmulatorCall {
  /** The model id as given. */
  model: string;
  /** A copy of the inputs as given (streams stand as `"[stream]"`). */
  inputs: unknown;
  /** A copy of the options as given, without `signal`. */
  options: Record<string, unknown>;
  /** The HTTP status answered. */
  status: number;
  /** The answer's content type. */
  contentType: string;
  /** The JSON answered, for a JSON answer (an error's body included). */
  output?: unknown;
  /** Every byte answered, once the body was read to its end. */
  bytes?: Uint8Array | undefined;
  /** The Workers AI error code, for an error. */
  errorCode?: number | undefined;
  /** How the call came: the binding, REST, the OpenAI-compatible endpoints, RPC. */
  via: "binding" | "rest" | "openai" | "rpc";
}

/** A call saved by the recorder: its inputs, and the exact bytes answered. */
export interface RecordedCall {
  model: string;
  /** The inputs, as JSON (byte arrays as arrays, streams as `"[stream]"`). */
  inputs: unknown;
  /** The options, as JSON, without `signal`. */
  options: Record<string, unknown>;
  /** What `run` gave: parsed JSON, a stream (text or binary), a raw `Response`, or an error. */
  kind: "json" | "stream" | "response" | "error";
  /** The HTTP status, when known (`200` for a JSON or stream answer of a binding). */
  status: number;
  /** The content type, when known. */
  contentType: string;
  /** The bytes answered, base64, chunk by chunk as they came. */
  chunks: string[];
  /** The error thrown, for `kind: "error"`. */
  error?: { name: string; message: string } | undefined;
}

/** A recording: calls and their answers, replayable by the emulator byte for byte. */
export interface Recording {
  version: 1;
  calls: RecordedCall[];
}

/** The options of {@link createEmulator}. */
export interface EmulatorOptions {
  /**
   * How streamed bytes are cut into chunks: `"random"` cuts anywhere (inside an event, a
   * line, a UTF-8 character), seeded from the request and {@link EmulatorOptions.seed},
   * at sizes from 1 byte to twice the mean event, or, for a long answer, to twice a 64th
   * of it (so a stream takes about 64 chunks at most); `"events"` sends one event per
   * chunk. Either way the bytes are the same, and they are written as they are read.
   *
   * @defaultValue "random"
   */
  chunking?: "random" | "events" | undefined;
  /**
   * Mixed into the seed of the chunk boundaries (and of batch ids): change it to see
   * other chunkings of the same answers.
   *
   * @defaultValue 0
   */
  seed?: number | undefined;
  /** The length of generated replies in tokens; by default 24 to 72, chosen by the seed. */
  replyTokens?: number | undefined;
  /**
   * `max_tokens` when the input has none.
   *
   * @defaultValue 256
   */
  defaultMaxTokens?: number | undefined;
  /**
   * The largest request accepted, in bytes of JSON; a larger one fails with 3006.
   *
   * @defaultValue 10_000_000
   */
  maxRequestBytes?: number | undefined;
  /**
   * The clock, for `created` timestamps.
   *
   * @defaultValue Date.now
   */
  now?: (() => number) | undefined;
  /** A recording to replay: a call that matches a recorded one (model and inputs) gets its exact bytes. */
  replay?: Recording | undefined;
  /**
   * How many polls of an async batch answer `queued`, then `running`, before the responses.
   *
   * @defaultValue 2 (queued, running, then the responses)
   */
  batchPolls?: number | undefined;
  /**
   * Answer models the catalog does not know (5007) even when a recording has them.
   *
   * @defaultValue true
   */
  strictModels?: boolean | undefined;
}

/** One model, as `models()` lists it (workers-types' `AiModelsSearchObject`). */
export interface EmulatorModelInfo {
  id: string;
  source: number;
  name: string;
  description: string;
  task: { id: string; name: string; description: string };
  tags: string[];
  properties: { property_id: string; value: string }[];
}

/** The parameters of `models()` (workers-types' `AiModelsSearchParams`). */
export interface EmulatorModelsParams {
  author?: string | undefined;
  hide_experimental?: boolean | undefined;
  page?: number | undefined;
  per_page?: number | undefined;
  search?: string | undefined;
  source?: number | undefined;
  task?: string | undefined;
}

/** How a request reaches the emulated service. */
export interface ServeOptions {
  /** How the call came. */
  via?: EmulatorCall["via"] | undefined;
  /** Schema failures as the REST API says them (5006 "Bad input") instead of the binding's 3010. */
  rest?: boolean | undefined;
  /** Answer in the OpenAI format whatever the model's family (the /ai/v1 endpoints). */
  openai?: boolean | undefined;
  /** End OpenAI-format streams with the native usage trailer. */
  trailer?: boolean | undefined;
  /** Aborts the answer. */
  signal?: AbortSignal | undefined;
}
