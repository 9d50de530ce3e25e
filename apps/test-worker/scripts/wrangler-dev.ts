// Starts `wrangler dev` for the test Worker with the emulator bound as `AI` (the `local`
// environment) on 127.0.0.1 and a free port, and resolves once it serves: for the browser
// test and the load check. `stop()` ends it.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const appDir = join(import.meta.dirname, "..");

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A running `wrangler dev`: its base URL, and how to stop it. */
export interface DevServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts `wrangler dev` (the app's `dev` script) and waits until it serves, 90 s at most. */
export async function startWranglerDev(): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "pnpm",
    [
      "exec",
      "wrangler",
      "dev",
      "-c",
      "wrangler.jsonc",
      "-c",
      "../../packages/ai-emulator/wrangler.jsonc",
      "--env",
      "local",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    {
      cwd: appDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    },
  );
  let output = "";
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`wrangler dev did not start in 90 s:\n${output}`)),
      90_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Ready on ${url}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited (${code}):\n${output}`));
    });
  });
  // wrangler reloads once its second config (the emulator) connects: wait until the Worker
  // answers through the emulator, twice in a row.
  for (let ok = 0, tries = 0; ok < 2; tries++) {
    if (tries > 150) throw new Error(`wrangler dev does not answer:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const response = await fetch(`${url}/api/models?task=chat`).catch(() => undefined);
    ok = response?.ok ? ok + 1 : 0;
    await response?.body?.cancel();
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}
