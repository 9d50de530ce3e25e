// The project's conventions for a public package, as checks that name each gap: a size
// budget enforced by the size script, type tests, the shared TSDoc-example test, a README
// that starts with its install line and a runnable example (run by a README test), and
// TSDoc on every public export (a summary on each; an @example on each function and class).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { exportDocs } from "./tsdoc-coverage.ts";
import type { WorkspacePackage } from "./workspace.ts";

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(
    (file) => pattern.test(file) && !file.includes("node_modules"),
  );
}

/** Gaps in size budgets, type tests, the TSDoc-example test and the README. */
export function structureGaps(pkg: WorkspacePackage): string[] {
  const gaps: string[] = [];
  const { name } = pkg.json;
  const size = join(pkg.dir, "size.config.json");
  if (!existsSync(size)) gaps.push("size: no size.config.json (budgets)");
  else {
    const entries = JSON.parse(readFileSync(size, "utf8")) as { from?: string; limit?: number }[];
    if (!entries.some((entry) => entry.from === "./dist/index.js" && (entry.limit ?? 0) > 0)) {
      gaps.push("size: no budget for the main entry (./dist/index.js)");
    }
  }
  if (!pkg.json.scripts?.size?.includes("scripts/bundle-size.mjs")) {
    gaps.push("size: the size script does not run scripts/bundle-size.mjs");
  }
  const testFiles = [
    ...files(join(pkg.dir, "src"), /\.test-d\.ts$/),
    ...files(join(pkg.dir, "test"), /\.test-d\.ts$/),
  ];
  if (testFiles.length === 0) gaps.push("types: no *.test-d.ts type test");
  const tsdocTest = join(pkg.dir, "test", "tsdoc-examples.node.test.ts");
  if (!existsSync(tsdocTest) || !readFileSync(tsdocTest, "utf8").includes("checkTsdocExamples")) {
    gaps.push("tsdoc: no test/tsdoc-examples.node.test.ts running scripts/tsdoc-examples.ts");
  }
  const readmeFile = join(pkg.dir, "README.md");
  const readme = existsSync(readmeFile) ? readFileSync(readmeFile, "utf8") : "";
  if (!readme) gaps.push("readme: no README.md");
  else {
    const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)];
    const [first, second] = blocks;
    const install = new RegExp(
      `^(pnpm add|npm install|npm i)(\\s+-\\S+)* ${name.replace("/", "\\/")}(\\s|$)`,
      "m",
    );
    if (first?.[1] !== "sh" || !install.test(first[2] ?? "")) {
      gaps.push(`readme: the first code block is not the install line (pnpm add ${name})`);
    }
    if (second?.[1] !== "ts") gaps.push("readme: no ts example right after the install line");
    const readmeTest = join(pkg.dir, "test", "readme.node.test.ts");
    if (!existsSync(readmeTest))
      gaps.push("readme: no test/readme.node.test.ts running its examples");
  }
  return gaps;
}

/** Public exports without a TSDoc summary, and functions or classes without an @example. */
export function tsdocGaps(pkg: WorkspacePackage): string[] {
  return exportDocs(pkg).flatMap((doc) => [
    ...(doc.summary ? [] : [`tsdoc: ${doc.name} has no summary`]),
    ...(doc.callable && !doc.example ? [`tsdoc: ${doc.name} has no @example`] : []),
  ]);
}
