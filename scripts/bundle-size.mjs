#!/usr/bin/env node
// Prints the minified and gzipped size of what a user's bundle gets for a given import,
// and fails when a budget is exceeded. Run from a package folder; reads its
// size.config.json: [{ "name", "import": "{ a, b }", "from": "./dist/index.js",
// "limit": bytes gzipped, "external": ["valibot"] }]. Each entry is bundled by esbuild
// as an ES module that imports those names and keeps them alive, as a Worker would.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const entries = JSON.parse(readFileSync(resolve("size.config.json"), "utf8"));
let failed = false;
const rows = [];
for (const entry of entries) {
  const names = entry.import
    .replace(/[{}]/g, "")
    .split(",")
    .map((name) => name.trim());
  const result = await build({
    stdin: {
      contents: `import ${entry.import} from ${JSON.stringify(entry.from)};\nglobalThis.keep = [${names.join(", ")}];\n`,
      resolveDir: process.cwd(),
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    external: entry.external ?? [],
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  const ok = gzipped <= entry.limit;
  failed ||= !ok;
  rows.push({
    bundle: entry.name,
    minified: `${(code.length / 1024).toFixed(2)} KB`,
    gzipped: `${(gzipped / 1024).toFixed(2)} KB (${gzipped} B)`,
    budget: `${(entry.limit / 1024).toFixed(2)} KB`,
    within: ok ? "yes" : "NO",
  });
}
console.table(rows);
if (failed) {
  console.error("bundle-size: a bundle is over its budget");
  process.exit(1);
}
