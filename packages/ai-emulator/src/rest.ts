import { getModel } from "@wai/ai-models/registry";
import type { Emulator } from "./create-emulator.js";
import { errorCodes } from "./errors.js";
import { toBase64 } from "./files.js";
import { searchModels } from "./models-search.js";
import type { EmulatorModelsParams } from "./types.js";

/** The options of {@link createRestHandler}. */
export interface RestHandlerOptions {
  /**
   * The API token clients must send as `Authorization: Bearer <token>`; any request is
   * accepted when absent.
   */
  token?: string | undefined;
  /**
   * The largest request body accepted, in bytes (3006, HTTP 413, above it).
   *
   * @defaultValue 10_000_000
   */
  maxBodyBytes?: number | undefined;
}

type Envelope = {
  result: unknown;
  success: boolean;
  errors: { code: number; message: string }[];
  messages: unknown[];
};

function envelope(result: unknown, status = 200, extra: Record<string, unknown> = {}): Response {
  const body: Envelope & Record<string, unknown> = {
    result,
    success: true,
    errors: [],
    messages: [],
    ...extra,
  };
  return Response.json(body, { status });
}

function failure(code: number, message?: string, status?: number, headers?: Headers): Response {
  const known = (errorCodes as Record<number, { status: number; description: string }>)[code];
  const body: Envelope = {
    result: null,
    success: false,
    errors: [{ code, message: message ?? known?.description ?? "Internal server error" }],
    messages: [],
  };
  const responseHeaders = new Headers(headers);
  responseHeaders.set("content-type", "application/json");
  return new Response(JSON.stringify(body), {
    status: status ?? known?.status ?? 500,
    headers: responseHeaders,
  });
}

/** Query parameters as run options: `true`/`false` and numbers as such, JSON when it parses. */
function queryOptions(params: URLSearchParams): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of params) {
    try {
      options[key] = JSON.parse(value);
    } catch {
      options[key] = value;
    }
  }
  return options;
}

/** An upstream error response as the REST envelope. */
async function restError(response: Response): Promise<Response> {
  const body = (await response.json()) as { internalCode?: number; description?: string };
  const headers = new Headers(response.headers);
  return failure(body.internalCode ?? 3001, body.description, response.status, headers);
}

const binaryInputKey: Record<string, string> = {
  "Automatic Speech Recognition": "audio",
  "Image-to-Text": "image",
  "Object Detection": "image",
  "Image Classification": "image",
};

/**
 * A `fetch` handler that serves what Cloudflare's REST API serves for Workers AI, from an
 * emulator: `POST /client/v4/accounts/:account/ai/run/:model` (the `{result, success,
 * errors, messages}` envelope; streams and files unwrapped; run options as query
 * parameters), the OpenAI-compatible `/ai/v1/chat/completions`, `/ai/v1/embeddings` and
 * `/ai/v1/responses`, `GET /ai/models/search`, async batch (`?queueRequest=true`), and
 * AI Gateway's `/v1/:account/:gateway/workers-ai/...` form. Runs in Node (see
 * `startServer` in `@wai/ai-emulator/node`) and in Workers alike.
 *
 * @example
 * ```ts
 * import { createEmulator, createRestHandler } from "@wai/ai-emulator";
 *
 * const handle = createRestHandler(createEmulator(), { token: "secret" });
 * const response = await handle(
 *   new Request("http://localhost/client/v4/accounts/acc/ai/run/@cf/meta/llama-3.1-8b-instruct", {
 *     method: "POST",
 *     headers: { authorization: "Bearer secret", "content-type": "application/json" },
 *     body: JSON.stringify({ prompt: "Hello" }),
 *   }),
 * );
 * const body = (await response.json()) as { result: { response: string } };
 * console.log(body.result.response);
 * ```
 */
export function createRestHandler(
  emulator: Emulator,
  options: RestHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? 10_000_000;
  return async (request) => {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname);
    const gateway = /^\/v1\/[^/]+\/[^/]+\/workers-ai\/(.+)$/.exec(path);
    const api = /^\/client\/v4\/accounts\/[^/]+\/ai\/(.+)$/.exec(path);
    const rest = gateway
      ? gateway[1]?.startsWith("v1/")
        ? gateway[1]
        : `run/${gateway[1]}`
      : api?.[1];
    if (rest === undefined) return failure(7000);
    if (
      options.token !== undefined &&
      request.headers.get("authorization") !== `Bearer ${options.token}`
    )
      return failure(10000);

    if (rest === "models/search") {
      if (request.method !== "GET") return failure(7003);
      const params = queryOptions(url.searchParams) as EmulatorModelsParams;
      if (params.search !== undefined) params.search = String(params.search);
      const all = searchModels({ ...params, page: undefined, per_page: undefined });
      const page = Number(params.page ?? 1);
      const perPage = Number(params.per_page ?? 50);
      const result = all.slice((page - 1) * perPage, page * perPage);
      return envelope(result, 200, {
        result_info: { page, per_page: perPage, count: result.length, total_count: all.length },
      });
    }
    if (request.method !== "POST") return failure(7003);

    const buffer = new Uint8Array(await request.arrayBuffer());
    if (buffer.length > maxBodyBytes)
      return failure(
        3006,
        `Request is too large: ${buffer.length} bytes, the limit is ${maxBodyBytes}`,
      );
    const contentType = request.headers.get("content-type") ?? "application/json";
    const isJson = contentType.includes("json") || buffer.length === 0;
    let body: Record<string, unknown> = {};
    if (isJson && buffer.length > 0) {
      try {
        body = JSON.parse(new TextDecoder().decode(buffer)) as Record<string, unknown>;
      } catch {
        return failure(6007);
      }
      if (!body || typeof body !== "object" || Array.isArray(body))
        return failure(6007, "The request body must be a JSON object");
    }
    const { options: bodyOptions, ...inputs } = body as { options?: Record<string, unknown> };
    const runOptions: Record<string, unknown> = {
      ...queryOptions(url.searchParams),
      ...(bodyOptions ?? {}),
    };
    if (gateway) runOptions.gateway = { id: path.split("/")[3] };

    if (rest.startsWith("run/")) {
      const modelId = rest.slice(4);
      const model = getModel(modelId);
      if (!model) return failure(7000);
      let runInputs: unknown = inputs;
      if (!isJson) {
        const key = binaryInputKey[model.task];
        if (!key) return failure(3010, `${errorCodes[3010].description}: ${modelId} takes JSON`);
        runInputs = modelId.includes("nova-3")
          ? { audio: { body: buffer, contentType } }
          : { [key]: Array.from(buffer) };
      }
      const response = await emulator.serve(modelId, runInputs, runOptions, {
        via: "rest",
        rest: true,
        signal: request.signal,
      });
      if (!response.ok) return restError(response);
      if (response.headers.get("content-type") === "application/json") {
        const result = await response.json();
        const headers = new Headers(response.headers);
        headers.set("content-type", "application/json");
        return new Response(JSON.stringify({ result, success: true, errors: [], messages: [] }), {
          headers,
        });
      }
      return response;
    }

    const modelId = typeof body.model === "string" ? body.model : "";
    const { model: _model, options: _options, ...fields } = body;
    if (!getModel(modelId)) return failure(5007, `No such model ${modelId} or task`);
    switch (rest) {
      case "v1/chat/completions": {
        const response = await emulator.serve(modelId, fields, runOptions, {
          via: "openai",
          rest: true,
          openai: true,
          trailer: false,
          signal: request.signal,
        });
        return response.ok ? response : restError(response);
      }
      case "v1/responses": {
        const response = await emulator.serve(modelId, { ...fields, stream: false }, runOptions, {
          via: "openai",
          rest: true,
          signal: request.signal,
        });
        return response.ok ? response : restError(response);
      }
      case "v1/embeddings": {
        const text = fields.input;
        const response = await emulator.serve(modelId, { text }, runOptions, {
          via: "openai",
          rest: true,
          signal: request.signal,
        });
        if (!response.ok) return restError(response);
        const answer = (await response.json()) as { data?: number[][] };
        const base64 = fields.encoding_format === "base64";
        const data = (answer.data ?? []).map((vector, index) => ({
          object: "embedding",
          index,
          embedding: base64 ? toBase64(new Uint8Array(new Float32Array(vector).buffer)) : vector,
        }));
        const tokens = (Array.isArray(text) ? text : [text]).reduce(
          (sum: number, item) => sum + String(item).split(/\s+/).length,
          0,
        );
        return Response.json({
          object: "list",
          data,
          model: modelId,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        });
      }
      default:
        return failure(7000);
    }
  };
}
