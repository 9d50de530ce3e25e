// Prints what one model costs in a Worker bundle, for every model: its module, its shared
// schemas and defineModel, bundled alone from the built package with esbuild, minified,
// gzipped, valibot excluded. Run after the build: `pnpm size` runs it.
import { bundleImport } from "../../../scripts/bundle.ts";
import * as models from "../dist/models/index.js";

const sizes = [];
for (const [name, model] of Object.entries(models)) {
  const { gzipped } = await bundleImport({
    names: [name],
    from: "./dist/index.js",
    resolveDir: process.cwd(),
    external: ["valibot"],
  });
  sizes.push({ model: model.id, export: name, gzipped });
}
sizes.sort((a, b) => b.gzipped - a.gzipped);
const median = sizes[Math.floor(sizes.length / 2)];
console.log(
  `One model alone (valibot excluded), ${sizes.length} models; median ${median.gzipped} B (${median.model}). Largest:`,
);
console.table(
  sizes.slice(0, 5).map((row) => ({ ...row, gzipped: `${(row.gzipped / 1024).toFixed(2)} KB` })),
);
