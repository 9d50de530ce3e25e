import type {
  AiModelCatalog,
  AiModelId,
  Model,
  ModelInput,
  ModelOutput,
  StreamableModel,
} from "@wai/ai-models";

/**
 * What the client calls: anything with the binding's `run(model, inputs, options)`,
 * which resolves to JSON, or to a `ReadableStream` of bytes (a stream, an image, audio),
 * and throws the binding's errors. `env.AI` (typed as `@cloudflare/workers-types`' `Ai`)
 * is one, and so are the emulator's binding and {@link restBinding}'s.
 *
 * The optional fields are what the binding keeps about its last request; the client
 * reads them for errors (request id, HTTP status).
 */
export interface AiBinding {
  // biome-ignore lint/suspicious/noExplicitAny: every binding's own overloads must fit.
  run(model: any, inputs: any, options?: any): Promise<unknown>;
  /** The `cf-ai-req-id` of the last request. */
  readonly lastRequestId?: string | null | undefined;
  /** The HTTP status of the last request. */
  readonly lastRequestHttpStatusCode?: number | null | undefined;
  /** The AI Gateway log id of the last request. */
  readonly aiGatewayLogId?: string | null | undefined;
}

/**
 * A service binding whose entrypoint serves `run` over JS RPC: what `env.AI` is typed as
 * (`Service | Ai`) when a wrangler environment swaps the AI binding for the emulator's
 * `WorkerEntrypoint`. Its `run` is called as the binding's.
 */
export interface AiServiceBinding {
  fetch(input: never, init?: never): Promise<Response>;
}

/** AI Gateway options, as the binding takes them (`options.gateway`). */
export interface GatewayOptions {
  /** The gateway's id (its name). */
  id: string;
  /** A cache key of your own (`cf-aig-cache-key`). */
  cacheKey?: string | undefined;
  /** How long to cache the answer, in seconds (`cf-aig-cache-ttl`). */
  cacheTtl?: number | undefined;
  /** Bypass the cache (`cf-aig-skip-cache`). */
  skipCache?: boolean | undefined;
  /** Metadata to log with the request (`cf-aig-metadata`). */
  metadata?: Record<string, number | string | boolean | null | bigint> | undefined;
  /** Whether to log the request (`cf-aig-collect-log`). */
  collectLog?: boolean | undefined;
  /** An event id of your own (`cf-aig-event-id`). */
  eventId?: string | undefined;
  /** The gateway's own timeout, in milliseconds (`cf-aig-request-timeout`). */
  requestTimeoutMs?: number | undefined;
  /** The gateway's own retries (`cf-aig-max-attempts`, `-retry-delay`, `-backoff`). */
  retries?:
    | {
        maxAttempts?: 1 | 2 | 3 | 4 | 5 | undefined;
        retryDelayMs?: number | undefined;
        backoff?: "constant" | "linear" | "exponential" | undefined;
      }
    | undefined;
}

/** How failed calls are retried. */
export interface RetryOptions {
  /**
   * How many times a retryable failure is tried again (see `AiClientError.retryable`).
   *
   * @defaultValue 2
   */
  maxRetries?: number | undefined;
  /**
   * The delay before the first retry, in milliseconds; it doubles at each retry, and a
   * random part of it is used ("full jitter"), so that many clients do not retry at once.
   *
   * @defaultValue 500
   */
  initialDelayMs?: number | undefined;
  /**
   * The longest delay between two tries, in milliseconds.
   *
   * @defaultValue 8000
   */
  maxDelayMs?: number | undefined;
}

/** The options every call takes; each overrides the client's own. */
export interface CallOptions {
  /** Aborts the call; a stream's upstream body is cancelled. */
  signal?: AbortSignal | undefined;
  /**
   * The time the whole call may take, in milliseconds, retries and reading the answer
   * included (for a stream: until its end); past it the call fails with an
   * `AiClientError` of kind `"timeout"` and the upstream is cancelled.
   *
   * @defaultValue undefined (no limit)
   */
  timeoutMs?: number | undefined;
  /**
   * Retries of retryable failures, or `false` for none. A stream is retried only until its
   * answer starts, never once a byte was delivered.
   *
   * @defaultValue `{ maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8000 }`
   */
  retry?: RetryOptions | false | undefined;
  /** AI Gateway options, passed to the binding (or sent as `cf-aig-*` headers over REST). */
  gateway?: GatewayOptions | undefined;
  /** Tags for the dashboard (`options.tags`). */
  tags?: string[] | undefined;
  /** Extra request headers (`options.extraHeaders`). */
  extraHeaders?: Record<string, string> | undefined;
  /** Any other option of the binding's `run`, passed as it is. */
  bindingOptions?: Record<string, unknown> | undefined;
}

/** The options of `ai.run`. */
export interface RunOptions extends CallOptions {
  /**
   * Check the output against the model's output schema (a model value, or an id the
   * client knows through `models`), failing with kind `"invalid-output"`.
   *
   * Off by default: the service is the authority on its answers and the catalog's output
   * schemas follow it with a lag, so a new field or shape must not break a working
   * application, and checking costs time on large outputs (embeddings). Turn it on in
   * tests and CI, where a drift should be seen.
   *
   * @defaultValue the client's `validateOutput`, `false` by default
   */
  validateOutput?: boolean | undefined;
}

/** What {@link createAi} takes besides the binding. */
export interface AiClientOptions {
  /** @defaultValue `{ maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8000 }` */
  retry?: RetryOptions | false | undefined;
  /** @defaultValue undefined (no limit) */
  timeoutMs?: number | undefined;
  /** AI Gateway options for every call. */
  gateway?: GatewayOptions | undefined;
  /** @defaultValue false (see {@link RunOptions.validateOutput}) */
  validateOutput?: boolean | undefined;
  /**
   * Models the client knows by id, so that calls by id check their input (and output,
   * with `validateOutput`): a list of catalog models, or the whole catalog
   * (`registry` from `@wai/ai-models/registry`, which bundles every model). A call by an
   * id the client does not know is typed at compile time only, and sent as given.
   */
  models?: Iterable<Model> | ReadonlyMap<string, Model> | undefined;
}

/** A binary output as `run` returns it: the bytes, whatever form the model sent. */
export type BinaryOutput = Uint8Array;

/** The forms the catalog gives a binary output. */
type BinaryValue = string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | Blob;

/** An output of one JSON field of base64, as flux (`image`) or melotts (`audio`) answer. */
type Base64Output<O> = O extends object
  ? [Exclude<keyof O, "image" | "audio">] extends [never]
    ? keyof O extends never
      ? O
      : BinaryOutput
    : O
  : O;

/**
 * The output `run` resolves to, for a model's catalog output: binary outputs (a stream,
 * bytes, or base64 in an `{ image }` or `{ audio }` answer) become a `Uint8Array`; every
 * other output is the catalog's. For a model that streams (`Streams`), the binary form
 * is its stream, which `run` never asks for: the output is the JSON answer.
 */
export type RunOutput<O, Streams extends boolean = false> = [BinaryValue] extends [O]
  ? Streams extends true
    ? Exclude<O, BinaryValue>
    : BinaryOutput | Base64Output<Exclude<O, BinaryValue>>
  : Base64Output<O>;

/** The ids of the catalog whose models stream. */
export type StreamableModelId = {
  [Id in AiModelId]: [AiModelCatalog[Id]["streamEvent"]] extends [never] ? never : Id;
}[AiModelId];

/** An id the catalog does not know: sent as given, untyped. */
export type UnknownModelId<Id extends string> = Id extends AiModelId ? never : Id;

/** The input type of a model value or a catalog id. */
export type InputOf<M> = M extends Model
  ? ModelInput<M>
  : M extends AiModelId
    ? AiModelCatalog[M]["input"]
    : Record<string, unknown>;

/** The output type of a model value or a catalog id, as `run` resolves to it. */
export type OutputOf<M> = M extends Model
  ? RunOutput<ModelOutput<M>, M extends StreamableModel ? true : false>
  : M extends AiModelId
    ? RunOutput<
        AiModelCatalog[M]["output"],
        [AiModelCatalog[M]["streamEvent"]] extends [never] ? false : true
      >
    : unknown;
