import { defineConfig } from "vitest/config";
import { compatibilityDate, nodeAndWorkerdProjects } from "../../vitest.shared.ts";

// An auxiliary Worker with a WorkerEntrypoint, bound as ECHO, so that a test can pass a
// TypedArray through real Workers RPC and see what arrives on the other side.
const echoWorker = `
import { WorkerEntrypoint } from "cloudflare:workers";
export class Echo extends WorkerEntrypoint {
  describe(value) {
    return {
      isArray: Array.isArray(value),
      prototypeIsArray: Object.getPrototypeOf(value) === Array.prototype,
      json: JSON.stringify(value),
      value,
    };
  }
}
export default { fetch() { return new Response("echo"); } };
`;

export default defineConfig({
  test: {
    projects: nodeAndWorkerdProjects({
      miniflare: {
        workers: [{ name: "echo", modules: true, script: echoWorker, compatibilityDate }],
        serviceBindings: { ECHO: { name: "echo", entrypoint: "Echo" } },
      },
    }),
  },
});
