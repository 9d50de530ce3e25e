/**
 * Generates the model catalog from the model data in `data/*.json`:
 *
 * - `src/models/<id's last segment>.ts`: one module per model (id, task, description,
 *   capabilities, valibot schemas of input and output, faithful to the JSON Schemas, and the
 *   plain TypeScript types `<Model>Input` / `<Model>Output` printed from the same shapes);
 * - `src/models/shared/<shape>.ts`: shapes, property groups and request forms that several
 *   models repeat, written once and named in `scripts/shape-names.json` (the most repeated
 *   shapes are written by hand in `src/shapes/` instead);
 * - `src/models/index.ts` and `src/models/catalog.ts` (the type-level id -> types map).
 *
 * The stages are in `scripts/generator/` (read, normalize, names, print-valibot,
 * print-types, write; `index.ts` runs them in order).
 *
 * Usage:
 * - `node scripts/generate.ts`: writes into `src/`;
 * - `--check`: exits 1 when the committed files differ from a fresh run;
 * - `--data <dir>`: reads the model data from `<dir>` instead of `data/`;
 * - `--out <dir>`: writes into `<dir>` instead of `src/`;
 * - `--names <file>`: reads and writes the shape names there instead of
 *   `scripts/shape-names.json`;
 * - `--name-new-shapes`: adds the suggested names of unnamed shared shapes to the names
 *   file (edit them, then run again) instead of failing;
 * - `--where`: prints where each shared shape first stands in the data.
 *
 * @module
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generator/index.ts";
import {
  hashOf,
  readShapeNames,
  type ShapeNames,
  shapeNamesFile,
  type UnnamedShape,
  UnnamedShapesError,
} from "./generator/names.ts";
import { writeFiles } from "./generator/write.ts";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  const value = index >= 0 ? args[index + 1] : undefined;
  if (index >= 0 && value === undefined) throw new Error(`${name} takes a value`);
  return value === undefined ? undefined : path.resolve(value);
}

const namesAbout =
  "The names of the shared shapes and property groups of the generated catalog (src/models/shared/), by a hash of the shape's fingerprint (scripts/generator/names.ts). `at` is where the shape stood when it was named: a model id and a path into its schema. A shared shape with no name here stops the generator, which suggests one; `node scripts/generate.ts --name-new-shapes` adds the suggestions. A name is never derived from the data, so adding a model renames nothing.";

function writeNames(file: string, names: ShapeNames): void {
  const sorted = Object.fromEntries(
    Object.entries(names).sort(([, a], [, b]) => (a.name < b.name ? -1 : 1)),
  );
  fs.writeFileSync(file, `${JSON.stringify({ _about: namesAbout, shapes: sorted }, null, 2)}\n`);
}

function main(): void {
  const args = process.argv.slice(2);
  const dataDir = option(args, "--data");
  const namesFile = option(args, "--names") ?? shapeNamesFile;
  const names = readShapeNames(namesFile);
  let added: UnnamedShape[] = [];
  const { files, catalog } = generate({
    dataDir,
    names,
    onUnnamed: args.includes("--name-new-shapes")
      ? (unnamed) => {
          added = unnamed;
        }
      : undefined,
  });
  if (added.length > 0) {
    for (const shape of added) {
      // A name carried over from shapes that are now one replaces their entries.
      for (const [hash, { name }] of Object.entries(names))
        if (name === shape.suggested) delete names[hash];
      names[shape.hash] = { name: shape.suggested, at: shape.at };
    }
    writeNames(namesFile, names);
    console.log(`Named ${added.length} new shape(s) in ${namesFile}: edit the names, run again.`);
  }
  const used = new Set(
    [...catalog.shapes.values(), ...catalog.groups.values(), ...catalog.forms.values()].map(
      (named) => hashOf(named.key),
    ),
  );
  const stale = Object.keys(names).filter((hash) => !used.has(hash));
  if (stale.length > 0)
    console.warn(`Names of shapes the data no longer has (remove them): ${stale.join(", ")}`);

  if (args.includes("--where")) {
    for (const shape of catalog.shapes.values())
      console.log(`${shape.typeName} (${shape.folder}/${shape.file}): ${shape.users.join(", ")}`);
    return;
  }
  if (args.includes("--check")) {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), "wai-generate-check-"));
    try {
      writeFiles(files, temp);
      const committed = path.join(packageDir, "src");
      const stale: string[] = [];
      for (const file of files.keys()) {
        const fresh = fs.readFileSync(path.join(temp, file), "utf8");
        const current = fs.existsSync(path.join(committed, file))
          ? fs.readFileSync(path.join(committed, file), "utf8")
          : "";
        if (fresh !== current) stale.push(file);
      }
      for (const dir of ["models", "models/shared"]) {
        for (const file of fs.readdirSync(path.join(committed, dir))) {
          if (file.endsWith(".ts") && !file.endsWith(".test.ts") && !files.has(`${dir}/${file}`))
            stale.push(`${dir}/${file} (not generated)`);
        }
      }
      if (stale.length > 0) {
        console.error(`Out of date (run node scripts/generate.ts):\n${stale.join("\n")}`);
        process.exitCode = 1;
      } else console.log(`${files.size} generated files are up to date.`);
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
    return;
  }
  const outDir = option(args, "--out") ?? path.join(packageDir, "src");
  writeFiles(files, outDir);
  console.log(`Wrote ${files.size} files into ${path.relative(process.cwd(), outDir) || "."}.`);
}

try {
  main();
} catch (error) {
  if (error instanceof UnnamedShapesError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
}
