// The committed catalog is what the generator makes from the data: re-running it on
// unchanged data changes nothing.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { expect, it } from "vitest";

it("the generated files are up to date and the generator is deterministic", () => {
  const packageDir = path.join(import.meta.dirname, "..");
  const output = execFileSync(process.execPath, ["scripts/generate.ts", "--check"], {
    cwd: packageDir,
    encoding: "utf8",
  });
  expect(output).toMatch(/generated files are up to date/);
}, 30_000);
