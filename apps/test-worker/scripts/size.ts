// The Worker's bundle as `wrangler deploy --dry-run --minify` makes it, gzipped, against
// its budget: 40 KB with every route (valibot and every wai package included).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const budget = 40 * 1024;
const outdir = join(import.meta.dirname, "..", "dist");
execFileSync(
  "pnpm",
  ["exec", "wrangler", "deploy", "--dry-run", "--env=", "--outdir", outdir, "--minify"],
  {
    cwd: join(import.meta.dirname, ".."),
    stdio: ["ignore", "ignore", "inherit"],
  },
);
const modules = readdirSync(outdir).filter((file) => file.endsWith(".js"));
const bytes = Buffer.concat(modules.map((file) => readFileSync(join(outdir, file))));
const gzipped = gzipSync(bytes, { level: 9 }).length;
console.table([
  {
    bundle: "apps/test-worker (wrangler deploy --dry-run --minify)",
    modules: modules.join(", "),
    minified: `${(bytes.length / 1024).toFixed(2)} KB`,
    gzipped: `${(gzipped / 1024).toFixed(2)} KB (${gzipped} B)`,
    budget: `${(budget / 1024).toFixed(2)} KB`,
    within: gzipped <= budget ? "yes" : "NO",
  },
]);
if (gzipped > budget) {
  console.error("size: the Worker is over its budget");
  process.exit(1);
}
