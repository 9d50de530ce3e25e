import { defineConfig } from "vitest/config";
import { compatibilityDate, nodeAndWorkerdProjects } from "../../vitest.shared.ts";

// In workerd, the test Worker's `AI` is a service binding to the emulator's
// WorkerEntrypoint, running in its own Worker (the bundled dist/worker.bundle.js).
export default defineConfig({
  test: {
    projects: nodeAndWorkerdProjects({
      miniflare: {
        serviceBindings: { AI: { name: "ai-emulator", entrypoint: "AiEmulator" } },
        workers: [
          {
            name: "ai-emulator",
            modules: true,
            scriptPath: new URL("./dist/worker.bundle.js", import.meta.url).pathname,
            compatibilityDate,
            compatibilityFlags: ["nodejs_compat"],
          },
        ],
      },
    }),
  },
});
