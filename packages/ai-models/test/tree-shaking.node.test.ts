// A Worker that imports one model bundles no other model.
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { bundleImport } from "../../../scripts/bundle.ts";
import { registry } from "../src/registry.js";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const scout = "@cf/meta/llama-4-scout-17b-16e-instruct";

/** The ids of other models that a bundle contains. */
const otherModelsIn = (code: string) =>
  [...registry.keys()].filter((id) => id !== scout && code.includes(`"${id}"`));

it.each([
  [
    "the built package, with the chat layer",
    "./dist/index.js",
    ["llama4Scout17b16eInstruct", "ChatMessage", "decodeChatStream"],
  ],
  ["the source's model index", "./src/models/index.ts", ["llama4Scout17b16eInstruct"]],
])(
  "bundling one model from %s leaves every other model out",
  async (_, from, names) => {
    const { code } = await bundleImport({
      names,
      from,
      resolveDir: packageDir,
      external: ["valibot"],
    });
    expect(code).toContain(scout);
    expect(otherModelsIn(code)).toEqual([]);
  },
  30_000,
);
