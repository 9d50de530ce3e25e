// Runs every ```ts example of the README against the source, so that the README cannot
// drift from the code. Node only: it writes each example to a file and imports it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test, vi } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
const folder = new URL("./.readme-examples/", import.meta.url);
const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

test("the README has examples", () => {
  expect(examples.length).toBeGreaterThanOrEqual(5);
});

test.each(examples.map((code, index) => [index + 1, code] as const))(
  "README example %i runs and prints",
  async (index, code) => {
    mkdirSync(folder, { recursive: true });
    const file = new URL(`example-${index}.ts`, folder);
    writeFileSync(file, code.replaceAll('"@wai/typed-stream"', JSON.stringify(entry)));
    const printed: unknown[][] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args) => void printed.push(args));
    try {
      await import(/* @vite-ignore */ fileURLToPath(file));
    } finally {
      log.mockRestore();
    }
    expect(printed.length).toBeGreaterThan(0);
  },
);
