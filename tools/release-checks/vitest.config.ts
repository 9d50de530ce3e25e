import { defineConfig } from "vitest/config";

// Node only: these tests pack, install, bundle and publish the packages as a user would.
// Files run one at a time (each starts npm, wrangler or workerd; the machine has 2 cores).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
