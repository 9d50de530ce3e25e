/**
 * Node only: the REST server on loopback, and recordings saved to and read from files.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createEmulator, type Emulator } from "./create-emulator.js";
import { type AiRecorder, type RecordableBinding, recordAi } from "./recorder.js";
import { createRestHandler, type RestHandlerOptions } from "./rest.js";
import type { EmulatorOptions, Recording } from "./types.js";

/** The options of {@link startServer}. */
export interface ServerOptions extends RestHandlerOptions {
  /**
   * The address to listen on.
   *
   * @defaultValue "127.0.0.1"
   */
  host?: string | undefined;
  /**
   * The port; `0` picks a free one.
   *
   * @defaultValue 0
   */
  port?: number | undefined;
  /** The emulator to serve; a new one (with `emulatorOptions`) when absent. */
  emulator?: Emulator | undefined;
  /** The options of the emulator made when `emulator` is absent. */
  emulatorOptions?: EmulatorOptions | undefined;
}

/** A running server. */
export interface EmulatorServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `<url>/client/v4/accounts/<account>/ai/v1`, the base URL of OpenAI clients. */
  openaiBaseUrl(accountId?: string): string;
  /** The emulator it serves. */
  emulator: Emulator;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

async function toRequest(
  message: IncomingMessage,
  base: string,
  signal: AbortSignal,
): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(message.headers))
    if (typeof value === "string") headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(", "));
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(message.url ?? "/", base), {
    method: message.method ?? "GET",
    headers,
    body: message.method === "GET" || message.method === "HEAD" ? undefined : body,
    signal,
  });
}

/** Resolves after the event loop's next poll for I/O (two turns of `setImmediate`). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

async function send(response: Response, out: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  out.writeHead(response.status, headers);
  if (!response.body) {
    out.end();
    return;
  }
  const reader = response.body.getReader();
  let closed = false;
  out.on("close", () => {
    if (out.writableFinished) return;
    closed = true;
    reader.cancel().catch(() => {});
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done || closed) break;
    // Write each chunk as it comes, so that a client sees the stream's chunks as sent.
    if (!out.write(value)) await new Promise((resolve) => out.once("drain", resolve));
    // Then let the event loop turn (other connections are served, and the chunk is sent)
    // before the next one: concurrent streams take turns, as on a network, and the first
    // chunk of each leaves at once instead of after the whole answer.
    await nextTurn();
  }
  out.end();
}

/**
 * Starts the REST server of an emulator (see `createRestHandler`) on loopback.
 *
 * @example
 * ```ts
 * import { startServer } from "@wai/ai-emulator/node";
 *
 * const server = await startServer({ token: "secret" });
 * console.log(server.url); // http://127.0.0.1:<a free port>
 * await server.close();
 * ```
 */
export async function startServer(options: ServerOptions = {}): Promise<EmulatorServer> {
  const emulator = options.emulator ?? createEmulator(options.emulatorOptions);
  const handle = createRestHandler(emulator, options);
  const host = options.host ?? "127.0.0.1";
  let base = "";
  const server = createServer((message, out) => {
    const controller = new AbortController();
    // A client that goes away aborts the answer (not one that read it to its end).
    out.on("close", () => {
      if (!out.writableFinished) controller.abort();
    });
    toRequest(message, base, controller.signal)
      .then(handle)
      .then((response) => send(response, out))
      .catch((error: unknown) => {
        if (!out.headersSent) out.writeHead(500, { "content-type": "application/json" });
        out.end(
          JSON.stringify({
            result: null,
            success: false,
            errors: [{ code: 3001, message: String(error) }],
            messages: [],
          }),
        );
      });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  base = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: base,
    openaiBaseUrl: (accountId = "local") => `${base}/client/v4/accounts/${accountId}/ai/v1`,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Saves a recording as JSON.
 *
 * @example
 * ```ts
 * import { createEmulator, recordAi } from "@wai/ai-emulator";
 * import { loadRecording, saveRecording } from "@wai/ai-emulator/node";
 *
 * const { ai, recording } = recordAi(createEmulator());
 * await ai.run("@cf/baai/bge-small-en-v1.5", { text: "hello" });
 * saveRecording("/tmp/ai.json", recording);
 * const replay = createEmulator({ replay: loadRecording("/tmp/ai.json") });
 * ```
 */
export function saveRecording(path: string, recording: Recording): void {
  writeFileSync(path, `${JSON.stringify(recording, null, 1)}\n`);
}

/**
 * Reads a recording saved by {@link saveRecording} or {@link recordToFile}.
 *
 * @example
 * ```ts
 * import { createEmulator } from "@wai/ai-emulator";
 * import { loadRecording } from "@wai/ai-emulator/node";
 *
 * const ai = createEmulator({ replay: loadRecording("test/fixtures/ai.json") });
 * ```
 */
export function loadRecording(path: string): Recording {
  const recording = JSON.parse(readFileSync(path, "utf8")) as Recording;
  if (recording.version !== 1 || !Array.isArray(recording.calls))
    throw new Error(`${path} is not a recording of @wai/ai-emulator`);
  return recording;
}

/**
 * Wraps a binding (the real `env.AI` in a Node script with remote bindings, a REST
 * client, the emulator) so that every call is saved to a file as it completes.
 *
 * @example
 * ```ts
 * import { createEmulator } from "@wai/ai-emulator";
 * import { recordToFile } from "@wai/ai-emulator/node";
 *
 * const { ai } = recordToFile(createEmulator(), "/tmp/calls.json");
 * await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "Hello" });
 * ```
 */
export function recordToFile<Binding extends RecordableBinding>(
  binding: Binding,
  path: string,
): AiRecorder<Binding> {
  return recordAi(binding, (_call, recording) => saveRecording(path, recording));
}
