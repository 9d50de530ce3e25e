// Every public package, as packed for publishing, passes publint (strict), attw (ESM-only
// profile) and the project's package.json rules.
import { relative } from "node:path";
import { describe, expect, inject, test } from "vitest";
import { attw, metadataProblems, publintProblems } from "../src/lint.ts";
import { repositoryRoot } from "../src/workspace.ts";

const { packed } = inject("fixtures");

describe.each(packed.map((pkg) => [pkg.name, pkg] as const))("%s", (_name, pkg) => {
  test("publint (strict) finds nothing", async () => {
    expect(await publintProblems(pkg)).toEqual([]);
  });

  test("attw --profile esm-only finds nothing", async () => {
    const { exitCode, output } = await attw(pkg);
    expect(exitCode, output).toBe(0);
  });

  test("package.json follows the project's rules", async () => {
    expect(await metadataProblems(pkg, relative(repositoryRoot, pkg.dir))).toEqual([]);
  });
});
