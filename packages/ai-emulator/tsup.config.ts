import { defineConfig } from "tsup";
import shared from "../../tsup.shared.ts";

export default defineConfig([
  // The package: the binding (platform neutral), the WorkerEntrypoint, and Node's server and CLI.
  {
    ...(shared as object),
    entry: ["src/index.ts", "src/worker.ts", "src/node.ts", "src/cli.ts"],
    external: ["cloudflare:workers"],
  },
  // The emulator Worker as one self-contained module, for Miniflare's auxiliary workers.
  {
    ...(shared as object),
    entry: { "worker.bundle": "src/worker.ts" },
    clean: false,
    dts: false,
    noExternal: [/^(?!cloudflare:)/],
    external: ["cloudflare:workers"],
  },
]);
