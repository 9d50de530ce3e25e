// A Worker that imports one model bundles no other model.
import * as fs from "node:fs";
import * as path from "node:path";
import { build } from "esbuild";
import { expect, it } from "vitest";
import { registry } from "../src/registry.js";

it("bundling one model from the built package, with the chat layer, leaves every other model out", async () => {
  const packageDir = path.join(import.meta.dirname, "..");
  const result = await build({
    stdin: {
      contents: `import { llama4Scout17b16eInstruct, ChatMessage, decodeChatStream } from "./dist/index.js";\nexport default [llama4Scout17b16eInstruct, ChatMessage, decodeChatStream];\n`,
      resolveDir: packageDir,
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    external: ["valibot"],
  });
  const code = result.outputFiles[0]?.text ?? "";
  expect(code).toContain("@cf/meta/llama-4-scout-17b-16e-instruct");
  const others = [...registry.keys()].filter(
    (id) => id !== "@cf/meta/llama-4-scout-17b-16e-instruct" && code.includes(`"${id}"`),
  );
  expect(others).toEqual([]);
}, 30_000);

it("bundling one model leaves every other model out", async () => {
  const packageDir = path.join(import.meta.dirname, "..");
  const result = await build({
    stdin: {
      contents: `import { llama4Scout17b16eInstruct } from "./src/models/index.ts";\nexport default llama4Scout17b16eInstruct;\n`,
      resolveDir: packageDir,
      loader: "ts",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    external: ["valibot"],
  });
  const code = result.outputFiles[0]?.text ?? "";
  expect(code).toContain("@cf/meta/llama-4-scout-17b-16e-instruct");
  const others = [...registry.keys()].filter(
    (id) => id !== "@cf/meta/llama-4-scout-17b-16e-instruct" && code.includes(`"${id}"`),
  );
  expect(others).toEqual([]);
  expect(fs.existsSync(path.join(packageDir, "src/models/index.ts"))).toBe(true);
}, 30_000);
