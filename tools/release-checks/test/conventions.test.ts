// Every public package follows the project's conventions (see src/conventions.ts). Gaps
// in packages still being written are listed here by name, with who fixes them: the list
// must stay exact, so a fixed gap is removed from it and a new gap fails.
import { describe, expect, test } from "vitest";
import { structureGaps, tsdocGaps } from "../src/conventions.ts";
import { publicPackages, readJson, repositoryRoot } from "../src/workspace.ts";

const knownGaps: Record<string, string[]> = {
  // The ./test helpers (for tests, not Workers) have summaries but no @example yet.
  "@wai/typed-stream": [
    "tsdoc: ./test:byteStream has no @example",
    "tsdoc: ./test:cut has no @example",
    "tsdoc: ./test:cutEvery has no @example",
    "tsdoc: ./test:encodeText has no @example",
    "tsdoc: ./test:sseText has no @example",
  ],
  // For ai-emulator's author: the README starts with an example, not its install line.
  "@wai/ai-emulator": [
    "readme: the first code block is not the install line (pnpm add @wai/ai-emulator)",
  ],
};

const packages = publicPackages();

test("these checks run after every public package's build (each is a devDependency here)", () => {
  const own = readJson(new URL("../package.json", import.meta.url).pathname);
  const missing = packages
    .map((pkg) => pkg.json.name)
    .filter((name) => own.devDependencies?.[name] !== "workspace:*");
  expect(missing, `add them to ${repositoryRoot}tools/release-checks/package.json`).toEqual([]);
});

describe.each(packages.map((pkg) => [pkg.json.name, pkg] as const))("%s", (name, pkg) => {
  test("size budget, type tests, TSDoc-example test, README with install line and example, TSDoc on every export", () => {
    expect([...structureGaps(pkg), ...tsdocGaps(pkg)].sort()).toEqual(
      [...(knownGaps[name] ?? [])].sort(),
    );
  });
});
