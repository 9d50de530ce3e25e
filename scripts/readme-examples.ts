// Runs every ```ts example of a package README against the package's source, so that a
// README cannot drift from the code. Node only: each example is written to a file in the
// package's test folder (so that its dependencies resolve) and imported.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test, vi } from "vitest";

export interface ReadmeExamplesOptions {
  /** The package's name, as the examples import it. */
  packageName: string;
  /** The package folder's URL (ending with a slash). */
  packageRoot: URL;
  /** How many examples the README must have at least. */
  atLeast: number;
  /** The package's subpath entries, as `{ "test": "src/testing.ts" }`. */
  subpaths?: Record<string, string>;
}

export function testReadmeExamples({
  packageName,
  packageRoot,
  atLeast,
  subpaths = {},
}: ReadmeExamplesOptions): void {
  const readme = readFileSync(new URL("README.md", packageRoot), "utf8");
  const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
  const folder = new URL("test/.readme-examples/", packageRoot);
  const entry = fileURLToPath(new URL("src/index.ts", packageRoot));

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test("the README has examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(atLeast);
  });

  test.each(examples.map((code, index) => [index + 1, code] as const))(
    "README example %i runs and prints",
    async (index, code) => {
      mkdirSync(folder, { recursive: true });
      const file = new URL(`example-${index}.ts`, folder);
      let source = code.replaceAll(JSON.stringify(packageName), JSON.stringify(entry));
      for (const [subpath, path] of Object.entries(subpaths)) {
        const target = fileURLToPath(new URL(path, packageRoot));
        source = source.replaceAll(
          JSON.stringify(`${packageName}/${subpath}`),
          JSON.stringify(target),
        );
      }
      writeFileSync(file, source);
      const printed: unknown[][] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...args) => void printed.push(args));
      try {
        await import(/* @vite-ignore */ fileURLToPath(file));
      } finally {
        log.mockRestore();
      }
      expect(printed.length).toBeGreaterThan(0);
    },
    // An example may load a whole package through Vite's transform (the model catalog is
    // 170 modules): that can take seconds on a busy 2-core machine.
    60_000,
  );
}
