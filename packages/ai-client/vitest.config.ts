import { defineConfig } from "vitest/config";
import { compatibilityDate, nodeAndWorkerdProjects } from "../../vitest.shared.ts";

// In workerd, `env.AI` is a service binding to the emulator's WorkerEntrypoint, in its
// own Worker (its bundled dist/worker.bundle.js), as a wrangler environment swap makes it.
const emulator = new URL("./node_modules/@wai/ai-emulator/dist/worker.bundle.js", import.meta.url);

export default defineConfig({
  test: {
    projects: nodeAndWorkerdProjects({
      miniflare: {
        serviceBindings: { AI: { name: "ai-emulator", entrypoint: "AiEmulator" } },
        workers: [
          {
            name: "ai-emulator",
            modules: true,
            scriptPath: emulator.pathname,
            compatibilityDate,
            compatibilityFlags: ["nodejs_compat"],
          },
        ],
      },
    }),
  },
});
