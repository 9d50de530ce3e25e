import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
// @ts-expect-error: a plain .mjs script, without types
import { readmeWithTable } from "../scripts/models-table.mjs";

test("the README's model table is what the catalog gives (node scripts/models-table.mjs)", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  expect(readmeWithTable(readme)).toBe(readme);
  expect(readme).toContain(
    "`@cf/meta/llama-4-scout-17b-16e-instruct` | Text Generation | yes | yes | complete |",
  );
});
