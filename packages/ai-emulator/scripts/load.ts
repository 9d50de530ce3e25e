// Load: 200 concurrent streamed chats against the REST server on loopback, bounded in
// count and time. The server runs as its own process (the `wai-emulator` CLI), as a real
// client and server would, and answers one chat before the burst (a warm start). Prints
// requests, errors, lost chunks, and p50/p99 time to first chunk and to last.
// Run after a build: pnpm --filter @wai/ai-emulator load [count] [concurrency]
import { spawn } from "node:child_process";
import { once } from "node:events";

const count = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? 200);
const deadline = Date.now() + 60_000;
const server = spawn(
  process.execPath,
  [new URL("../dist/cli.js", import.meta.url).pathname, "--token", "load"],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const bound = setTimeout(() => server.kill(), 90_000);
const [line] = (await once(server.stdout, "data")) as [Buffer];
const url = `${String(line).trim()}/client/v4/accounts/load/ai/run/@cf/moonshotai/kimi-k2.6`;

const first: number[] = [];
const last: number[] = [];
let errors = 0;
let lost = 0;
let next = 0;

async function one(index: number, record = true): Promise<void> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: "Bearer load", "content-type": "application/json" },
    body: JSON.stringify({
      messages: [{ role: "user", content: `Question ${index} about tides` }],
      stream: true,
    }),
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let text = "";
  let sawFirst = false;
  for await (const chunk of response.body) {
    if (!sawFirst && record) first.push(performance.now() - started);
    sawFirst = true;
    text += decoder.decode(chunk, { stream: true });
  }
  if (record) last.push(performance.now() - started);
  // No lost chunk: every event is whole, and the stream ends with [DONE].
  const events = text.split("\n\n").filter(Boolean);
  if (!text.endsWith("data: [DONE]\n\n") || events.some((event) => !event.startsWith("data: ")))
    lost++;
}

async function worker(): Promise<void> {
  while (next < count && Date.now() < deadline) {
    const index = next++;
    await one(index).catch(() => {
      errors++;
    });
  }
}

await one(-1, false);
const started = performance.now();
await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
const elapsed = performance.now() - started;
server.kill();
clearTimeout(bound);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.table({
  requests: next,
  completed: last.length,
  errors,
  "lost or broken streams": lost,
  concurrency,
  "time to first chunk p50": ms(percentile(first, 50)),
  "time to first chunk p99": ms(percentile(first, 99)),
  "time to last chunk p50": ms(percentile(last, 50)),
  "time to last chunk p99": ms(percentile(last, 99)),
  "wall time": ms(elapsed),
});
process.exit(errors > 0 || lost > 0 ? 1 : 0);
