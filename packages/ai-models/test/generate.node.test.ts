// The committed catalog is what the generator makes from the data, and the generator is
// deterministic: two separate runs (different working directories and time zones) write
// byte-identical trees, and those trees are byte for byte the committed `src/` files.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = path.join(import.meta.dirname, "..");
const repoRoot = path.join(packageDir, "../..");
const generator = path.join(packageDir, "scripts", "generate.ts");
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "wai-generate-test-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** Every file under `dir`, by its path relative to `dir` (with `/`), with its bytes. */
function tree(dir: string, under: string[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of under) {
    const full = path.join(dir, entry);
    if (!fs.existsSync(full)) continue;
    if (fs.statSync(full).isFile()) files.set(entry, fs.readFileSync(full));
    else
      for (const file of fs.readdirSync(full, { recursive: true, encoding: "utf8" })) {
        const at = path.join(full, file);
        if (fs.statSync(at).isFile())
          files.set(`${entry}/${file.split(path.sep).join("/")}`, fs.readFileSync(at));
      }
  }
  return files;
}

/** The files that are missing from either tree or differ by a byte, sorted. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names]
    .filter((name) => {
      const left = a.get(name);
      const right = b.get(name);
      return left === undefined || right === undefined || !left.equals(right);
    })
    .sort();
}

let generated: Map<string, Buffer> | undefined;

it("two runs of the generator write byte-identical trees", async () => {
  const first = path.join(temp, "first");
  const second = path.join(temp, "second");
  const [firstRun] = await Promise.all([
    run(process.execPath, [generator, "--out", first], {
      cwd: packageDir,
      env: { ...process.env, TZ: "UTC" },
    }),
    run(process.execPath, [generator, "--out", second], {
      cwd: repoRoot,
      env: { ...process.env, TZ: "Pacific/Kiritimati" },
    }),
  ]);
  const a = tree(first, ["models"]);
  const b = tree(second, ["models"]);
  // A run that writes nothing would be "deterministic" too: the catalog has well over 100 models.
  expect(a.size).toBeGreaterThan(100);
  expect(a.has("models/index.ts") && a.has("models/catalog.ts")).toBe(true);
  expect(differences(a, b)).toEqual([]);
  // Every name in scripts/shape-names.json names something the data still has.
  expect(firstRun.stderr).not.toMatch(/no longer has/);
  generated = a;
}, 120_000);

it("the committed src/ files are byte for byte what the generator writes", () => {
  expect(generated, "the generator did not run (see the test above)").toBeDefined();
  const committed = tree(path.join(packageDir, "src"), ["models"]);
  // Tests that sit next to the generated modules are not generated.
  for (const name of committed.keys()) if (name.endsWith(".test.ts")) committed.delete(name);
  expect(differences(generated ?? new Map(), committed)).toEqual([]);
});

it("the generator's own --check agrees that the generated files are up to date", async () => {
  const { stdout } = await run(process.execPath, [generator, "--check"], {
    cwd: packageDir,
    encoding: "utf8",
  });
  expect(stdout).toMatch(/generated files are up to date/);
}, 60_000);

it("no generated line is wider than the formatter's 100 columns", () => {
  expect(generated, "the generator did not run (see the test above)").toBeDefined();
  const wide: string[] = [];
  for (const [name, bytes] of generated ?? new Map<string, Buffer>()) {
    // Columns as an editor counts them: code points, not UTF-16 units.
    for (const [index, line] of bytes.toString("utf8").split("\n").entries())
      if ([...line].length > 100) wide.push(`${name}:${index + 1}: ${line}`);
  }
  expect(wide).toEqual([]);
});
