import { defineConfig } from "vitest/config";

// Benchmarks run in Node only, one file at a time, so that nothing else competes.
export default defineConfig({
  test: { benchmark: { include: ["bench/**/*.bench.ts"] }, fileParallelism: false },
});
