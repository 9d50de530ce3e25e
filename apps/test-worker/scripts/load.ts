// The load check: 200 concurrent streamed chats against `wrangler dev` on loopback (the
// one given as an argument, or one this script starts), each read to its end. Every one
// must complete: a 200 answer whose last event is a `finish`, nothing lost. Prints the
// requests, errors and p50/p99 time to first event and to last; exits 1 on any error.
// Bounded: 200 requests, 120 s at most.
import { startWranglerDev } from "./wrangler-dev.ts";

const requests = Number(process.env.LOAD_REQUESTS ?? 200);
const deadline = Date.now() + 120_000;
const given = process.argv[2];
const server = given ? { url: given, stop: async () => {} } : await startWranglerDev();

async function chat(index: number) {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      messages: [{ role: "user", content: `Tell me about tides, number ${index}` }],
      tools: false,
    }),
    signal: AbortSignal.timeout(Math.max(1_000, deadline - Date.now())),
  });
  if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
  let first: number | undefined;
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    first ??= performance.now() - started;
    text += decoder.decode(chunk, { stream: true });
  }
  const events = text.split("\n\n").filter((block) => block.startsWith("data: {"));
  const last = events.at(-1) ?? "";
  if (!last.includes('"type":"finish"')) throw new Error(`incomplete stream: ${text.slice(-200)}`);
  if (text.includes("event: error")) throw new Error("an error event");
  return { first: first ?? 0, last: performance.now() - started, events: events.length };
}

const percentile = (values: number[], p: number) =>
  values.toSorted((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ] ?? 0;

try {
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: requests }, (_, i) => chat(i)));
  const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const errors = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.table([
    {
      requests,
      completed: ok.length,
      errors: errors.length,
      "events (total)": ok.reduce((n, r) => n + r.events, 0),
      "first event p50": ms(
        percentile(
          ok.map((r) => r.first),
          50,
        ),
      ),
      "first event p99": ms(
        percentile(
          ok.map((r) => r.first),
          99,
        ),
      ),
      "last event p50": ms(
        percentile(
          ok.map((r) => r.last),
          50,
        ),
      ),
      "last event p99": ms(
        percentile(
          ok.map((r) => r.last),
          99,
        ),
      ),
      wall: ms(performance.now() - started),
    },
  ]);
  if (errors.length) {
    console.error([...new Set(errors)].slice(0, 5).join("\n"));
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
