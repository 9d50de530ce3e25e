#!/usr/bin/env node
// Prints the minified and gzipped size of what a user's bundle gets for a given import,
// and fails when a budget is exceeded. Run from a package folder; reads its
// size.config.json: [{ "name", "import": "{ a, b }", "from": "./dist/index.js",
// "limit": bytes gzipped, "external": ["valibot"] }]. Each entry is bundled by esbuild
// as an ES module that imports those names and keeps them alive, as a Worker would.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { bundleImport } from "./bundle.ts";

const entries = JSON.parse(readFileSync(resolve("size.config.json"), "utf8"));
let failed = false;
const rows = [];
for (const entry of entries) {
  const names = entry.import
    .replace(/[{}]/g, "")
    .split(",")
    .map((name) => name.trim());
  const { minified, gzipped } = await bundleImport({
    names,
    from: entry.from,
    resolveDir: process.cwd(),
    external: entry.external,
  });
  const ok = gzipped <= entry.limit;
  failed ||= !ok;
  rows.push({
    bundle: entry.name,
    minified: `${(minified / 1024).toFixed(2)} KB`,
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
