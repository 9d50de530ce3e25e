// Adding a model renames nothing: the generator run on a copy of data/ with one more model
// (a copy of an existing one under a new id) writes that model's module, and every shared
// module is byte for byte the committed one. A model that brings a new shared shape stops
// the generator with an error that names the shape, where it stands, and a suggested name.
// Every generated shared module is imported by some other generated module.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = path.join(import.meta.dirname, "../..");
const generator = path.join(packageDir, "scripts", "generate.ts");
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "wai-add-a-model-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A copy of data/ with `file` copied again under a new model id. */
function dataWithCopy(file: string, id: string): string {
  const dir = fs.mkdtempSync(path.join(temp, "data-"));
  fs.cpSync(path.join(packageDir, "data"), dir, { recursive: true });
  const model = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  fs.writeFileSync(
    path.join(dir, `${id.slice(id.lastIndexOf("/") + 1)}.json`),
    JSON.stringify({ ...model, name: id }),
  );
  return dir;
}

function read(dir: string): Map<string, string> {
  return new Map(
    fs.readdirSync(dir).map((file) => [file, fs.readFileSync(path.join(dir, file), "utf8")]),
  );
}

it("a copy of a model under a new id adds its module and changes no shared module", async () => {
  const data = dataWithCopy("bge-small-en-v1.5.json", "@cf/baai/bge-tiny-en-v1.5");
  const out = path.join(temp, "out");
  await run(process.execPath, [generator, "--data", data, "--out", out], { cwd: packageDir });
  const models = fs.readdirSync(path.join(out, "models"));
  expect(models).toContain("bge-tiny-en-v1.5.ts");
  expect(fs.readFileSync(path.join(out, "models", "index.ts"), "utf8")).toContain(
    'export * from "./bge-tiny-en-v1.5.js";',
  );
  expect(fs.readFileSync(path.join(out, "models", "bge-tiny-en-v1.5.ts"), "utf8")).toContain(
    "export const bgeTinyEnV1_5 =",
  );
  const fresh = read(path.join(out, "models", "shared"));
  const committed = read(path.join(packageDir, "src", "models", "shared"));
  expect([...fresh.keys()].sort()).toEqual([...committed.keys()].sort());
  // The headers and docs count and list the users: the new model is one more user.
  const body = (text: string) =>
    text
      .replace(/^\/\/.*\n/gm, "")
      .replace(/\b1 model, where it stands more than once|\b\d+ models\b/g, "N models")
      .replace(/\s+/g, " ");
  for (const [file, text] of committed) expect(body(fresh.get(file) ?? ""), file).toBe(body(text));
}, 120_000);

it("a model that brings an unnamed shared shape stops the generator, saying where and what name", async () => {
  const data = dataWithCopy("nova-3.json", "@cf/deepgram/nova-4");
  const error = await run(
    process.execPath,
    [generator, "--data", data, "--out", path.join(temp, "out2")],
    {
      cwd: packageDir,
    },
  ).then(
    () => undefined,
    (failure: { stderr: string }) => failure,
  );
  expect(error, "the generator should fail").toBeDefined();
  expect(error?.stderr).toMatch(/no name in scripts\/shape-names\.json/);
  expect(error?.stderr).toMatch(
    /"[0-9a-f]{12}": \{ "name": "[A-Z][A-Za-z0-9]*", "at": "@cf\/deepgram\/nova-3 \/(input|output)/,
  );
  expect(fs.existsSync(path.join(temp, "out2"))).toBe(false);
}, 120_000);

it("every generated shared module is imported by another generated module", () => {
  const models = path.join(packageDir, "src", "models");
  const texts = [
    ...fs
      .readdirSync(models)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => fs.readFileSync(path.join(models, f), "utf8")),
    ...fs
      .readdirSync(path.join(models, "shared"))
      .map((f) => fs.readFileSync(path.join(models, "shared", f), "utf8")),
  ];
  const dead = fs
    .readdirSync(path.join(models, "shared"))
    .filter((file) => !texts.some((text) => text.includes(`/${file.replace(/\.ts$/, ".js")}"`)));
  expect(dead).toEqual([]);
});

it("generated imports are written ../shapes/x.js or ./x.js, never ./../", () => {
  const models = path.join(packageDir, "src", "models");
  for (const file of fs.readdirSync(models, { recursive: true, encoding: "utf8" }))
    if (file.endsWith(".ts"))
      expect(fs.readFileSync(path.join(models, file), "utf8")).not.toContain('"./../');
});
