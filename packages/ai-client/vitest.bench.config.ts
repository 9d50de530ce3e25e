import { defineConfig } from "vitest/config";

// Benchmarks run in Node only, one file at a time, so that nothing else competes. The
// workspace packages are loaded from their builds by Node itself, as a bundled Worker runs
// them: through Vitest's module runner, every call into another module reads an export
// getter (Vitest warns that this makes results unreliable), and the client's call into
// @wai/ai-models for each event paid that on top of what the decoder pays.
export default defineConfig({
  test: {
    benchmark: { include: ["bench/**/*.bench.ts"] },
    fileParallelism: false,
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } },
  },
});
