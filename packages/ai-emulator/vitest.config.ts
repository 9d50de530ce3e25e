import { defineConfig } from "vitest/config";
import { compatibilityDate, nodeAndWorkerdProjects } from "../../vitest.shared.ts";

// In workerd, the test Worker's `AI` is a service binding to the emulator's
// WorkerEntrypoint, running in its own Worker (the bundled dist/worker.bundle.js).
const projects = nodeAndWorkerdProjects({
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
});

export default defineConfig({
  test: {
    // Node and workerd side by side (the default on 2 cores is one file at a time).
    maxWorkers: 2,
    projects: projects.map((project) => ({
      ...project,
      test: {
        ...project.test,
        // The test files share nothing but the modules they import (each makes its own
        // emulators and servers): one worker per project runs them all, instead of a new
        // worker, with every module imported again, per file.
        isolate: false,
        // The type tests are checked on their own (`tsc` over what they import), not
        // with the whole package, which `pnpm typecheck` checks.
        ...(project.test?.typecheck && {
          typecheck: { ...project.test.typecheck, tsconfig: "./tsconfig.test-d.json" },
        }),
      },
    })),
  },
});
