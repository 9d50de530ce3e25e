// The Worker's tests. `test/*.test.ts` run inside workerd with Cloudflare's Vitest
// integration: the Worker as wrangler.jsonc's `local` environment configures it, its `AI`
// a service binding to the emulator's WorkerEntrypoint in its own Worker (the emulator's
// bundled dist). `test/*.node.test.ts` run in Node: the chat page in Chromium against
// `wrangler dev`.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { compatibilityDate } from "../../vitest.shared.ts";

const emulator = new URL("./node_modules/@wai/ai-emulator/dist/worker.bundle.js", import.meta.url);

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.jsonc", environment: "local" },
            remoteBindings: false,
            miniflare: {
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
        ],
        test: {
          name: "workerd",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.node.test.ts"],
        },
      },
      {
        test: { name: "node", include: ["test/**/*.node.test.ts"], environment: "node" },
      },
    ],
  },
});
