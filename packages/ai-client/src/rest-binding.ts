// The binding's semantics over Cloudflare's REST API (and AI Gateway), for Node scripts,
// CI and other runtimes.
import { AiClientError } from "./ai-client-error.js";
import { parseCode } from "./call.js";
import type { AiBinding, GatewayOptions } from "./types.js";

/** The options of {@link restBinding}. */
export interface RestBindingOptions {
  /** The Cloudflare account id. */
  accountId: string;
  /**
   * An API token with Workers AI permission. It is sent in the `Authorization` header
   * only: no error message, log line or field of a thrown object holds it.
   */
  apiToken: string;
  /**
   * Send every call through this AI Gateway (a call's own `gateway` option wins).
   *
   * @defaultValue undefined (the REST API directly)
   */
  gateway?: GatewayOptions | undefined;
  /**
   * The `fetch` to use (a proxy's, a test's).
   *
   * @defaultValue globalThis.fetch
   */
  fetch?: typeof fetch | undefined;
  /**
   * The API's base URL, before `/accounts/...`.
   *
   * @defaultValue "https://api.cloudflare.com/client/v4"
   */
  baseUrl?: string | undefined;
  /**
   * AI Gateway's base URL, before `/{account_id}/{gateway_id}/workers-ai/...`.
   *
   * @defaultValue "https://gateway.ai.cloudflare.com/v1"
   */
  gatewayBaseUrl?: string | undefined;
}

/** A binding over REST: `run` as `env.AI.run`, and what it keeps of the last request. */
export interface RestBinding extends AiBinding {
  readonly lastRequestId: string | null;
  readonly lastRequestHttpStatusCode: number | null;
  readonly aiGatewayLogId: string | null;
}

/** The run options that travel as query parameters; the others are the binding's own. */
const localOptions = new Set(["signal", "gateway", "extraHeaders", "prefix", "returnRawResponse"]);

/** The `cf-aig-*` headers of gateway options. */
function gatewayHeaders(gateway: GatewayOptions, headers: Headers) {
  const set = (name: string, value: unknown) => {
    if (value !== undefined) headers.set(`cf-aig-${name}`, String(value));
  };
  set("cache-key", gateway.cacheKey);
  set("cache-ttl", gateway.cacheTtl);
  set("skip-cache", gateway.skipCache);
  set("collect-log", gateway.collectLog);
  set("event-id", gateway.eventId);
  set("request-timeout", gateway.requestTimeoutMs);
  if (gateway.metadata) {
    headers.set(
      "cf-aig-metadata",
      JSON.stringify(gateway.metadata, (_, value) =>
        typeof value === "bigint" ? value.toString() : value,
      ),
    );
  }
  set("max-attempts", gateway.retries?.maxAttempts);
  set("retry-delay", gateway.retries?.retryDelayMs);
  set("backoff", gateway.retries?.backoff);
}

/**
 * A binding that speaks Cloudflare's REST API, with the semantics of `env.AI.run`: JSON
 * answers come out of the `{result, success}` envelope, streams (server-sent events) and
 * binary answers are the response's body, options travel as query parameters
 * (`?queueRequest=true`), and errors are thrown as the binding throws them (as
 * {@link AiClientError}s, with the Workers AI code of the envelope and the HTTP status).
 * With `gateway`, requests go to AI Gateway's URL with `cf-aig-*` headers.
 *
 * The token is sent in the `Authorization` header and nowhere else: it never appears in
 * an error message, a log line or a field of a thrown object (an answer quoted in an
 * error has any occurrence of it masked).
 *
 * @example
 * ```ts
 * import { createAi, restBinding } from "@wai/ai-client";
 *
 * const ai = createAi(
 *   restBinding({ accountId: "0123456789abcdef", apiToken: "token", gateway: { id: "my-gateway" } }),
 * );
 * ```
 */
export function restBinding(options: RestBindingOptions): RestBinding {
  const { accountId, apiToken } = options;
  const fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = (options.baseUrl ?? "https://api.cloudflare.com/client/v4").replace(/\/$/, "");
  const gatewayBaseUrl = (options.gatewayBaseUrl ?? "https://gateway.ai.cloudflare.com/v1").replace(
    /\/$/,
    "",
  );
  // Any text shown to the caller goes through this: the token never leaves in it.
  const mask = (text: string) => (apiToken ? text.split(apiToken).join("[token]") : text);
  const quote = (text: string) => mask(text.length > 500 ? `${text.slice(0, 500)}...` : text);

  const state = {
    lastRequestId: null as string | null,
    lastRequestHttpStatusCode: null as number | null,
    aiGatewayLogId: null as string | null,
  };

  async function run(model: string, inputs: unknown, runOptions: Record<string, unknown> = {}) {
    const gateway = (runOptions.gateway as GatewayOptions | undefined) ?? options.gateway;
    const url = new URL(
      gateway
        ? `${gatewayBaseUrl}/${encodeURIComponent(accountId)}/${encodeURIComponent(gateway.id)}/workers-ai/${model}`
        : `${baseUrl}/accounts/${encodeURIComponent(accountId)}/ai/run/${model}`,
    );
    for (const [key, value] of Object.entries(runOptions)) {
      if (localOptions.has(key) || value === undefined) continue;
      if (Array.isArray(value))
        for (const item of value) url.searchParams.append(key, String(item));
      else
        url.searchParams.set(
          key,
          typeof value === "object" ? JSON.stringify(value) : String(value),
        );
    }
    const headers = new Headers(runOptions.extraHeaders as HeadersInit | undefined);
    headers.set("authorization", `Bearer ${apiToken}`);
    if (gateway) gatewayHeaders(gateway, headers);
    const init: RequestInit = { method: "POST", headers };
    if (runOptions.signal) init.signal = runOptions.signal as AbortSignal;
    if (inputs instanceof ReadableStream || inputs instanceof Blob) {
      init.body = inputs;
      (init as { duplex?: string }).duplex = "half";
    } else {
      headers.set("content-type", "application/json");
      init.body = JSON.stringify(inputs);
    }

    let response: Response;
    try {
      response = await fetcher(url, init);
    } catch (cause) {
      if ((cause as Error | undefined)?.name === "AbortError") throw cause;
      // The cause is kept out: a fetch implementation may have put the request in it.
      throw new TypeError(
        `The request to Workers AI failed: ${mask(cause instanceof Error ? cause.message : String(cause))}`,
      );
    }
    state.lastRequestId = response.headers.get("cf-ai-req-id");
    state.lastRequestHttpStatusCode = response.status;
    state.aiGatewayLogId = response.headers.get("cf-aig-log-id");
    const requestId = state.lastRequestId ?? undefined;
    const contentType = response.headers.get("content-type") ?? "";
    const isJSON = /^application\/json\b/i.test(contentType);

    if (response.ok && !isJSON) {
      if (!response.body) return new Uint8Array();
      return response.body;
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const envelope = body as
      | { success?: unknown; result?: unknown; errors?: { code?: unknown; message?: unknown }[] }
      | undefined;
    const isEnvelope =
      typeof envelope === "object" && envelope !== null && typeof envelope.success === "boolean";
    if (response.ok && isEnvelope && envelope.success === true && "result" in envelope) {
      return envelope.result;
    }
    const first = isEnvelope && Array.isArray(envelope.errors) ? envelope.errors[0] : undefined;
    if (first && (typeof first.code === "number" || typeof first.message === "string")) {
      const code = typeof first.code === "number" ? first.code : parseCode(String(first.message));
      throw new AiClientError(
        mask(`Workers AI error ${code ?? ""} for ${model}: ${String(first.message ?? "")}`),
        { kind: "upstream", code, status: response.status, requestId, model },
      );
    }
    // The binding's own error body ({internalCode, description}), as the gateway relays it.
    const internal = body as { internalCode?: unknown; description?: unknown } | undefined;
    if (typeof internal?.internalCode === "number") {
      throw new AiClientError(
        mask(
          `Workers AI error ${internal.internalCode} for ${model}: ${String(internal.description)}`,
        ),
        {
          kind: "upstream",
          code: internal.internalCode,
          status: response.status,
          requestId,
          model,
        },
      );
    }
    throw new AiClientError(
      response.ok
        ? `The REST answer for ${model} is not the API's envelope: ${quote(text)}`
        : `Workers AI answered HTTP ${response.status} for ${model}: ${quote(text)}`,
      {
        kind: response.ok ? "invalid-response" : "upstream",
        code: parseCode(text),
        status: response.status,
        requestId,
        model,
        data: quote(text),
      },
    );
  }

  const binding = {
    run,
    get lastRequestId() {
      return state.lastRequestId;
    },
    get lastRequestHttpStatusCode() {
      return state.lastRequestHttpStatusCode;
    },
    get aiGatewayLogId() {
      return state.aiGatewayLogId;
    },
    toJSON: () => ({ accountId, baseUrl, gateway: options.gateway?.id }),
  };
  return binding;
}
