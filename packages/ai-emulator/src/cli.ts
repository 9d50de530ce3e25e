#!/usr/bin/env node
// wai-emulator: serves the emulator's REST API on loopback and prints its base URL.
import { parseArgs } from "node:util";
import { startServer } from "./node.js";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "0" },
    token: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(`Usage: wai-emulator [--host 127.0.0.1] [--port 0] [--token TOKEN]

Serves a local Workers AI (REST, OpenAI-compatible /ai/v1, AI Gateway form) and prints
its base URL. --port 0 (the default) picks a free port. With --token, clients must send
"Authorization: Bearer TOKEN".`);
  process.exit(0);
}
const server = await startServer({
  host: values.host,
  port: Number(values.port),
  token: values.token,
});
console.log(server.url);
const stop = () => server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
