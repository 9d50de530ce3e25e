// Prints what one model costs in a Worker bundle, for every model: its module, its shared
// schemas and defineModel, bundled alone from the built package with esbuild, minified,
// gzipped, valibot excluded. Run after the build: `pnpm size` runs it.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import * as models from "../dist/models/index.js";

const sizes = [];
for (const [name, model] of Object.entries(models)) {
  const result = await build({
    stdin: {
      contents: `import { ${name} } from "./dist/index.js";\nglobalThis.keep = ${name};\n`,
      resolveDir: process.cwd(),
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    external: ["valibot"],
    logLevel: "error",
  });
  sizes.push({
    model: model.id,
    export: name,
    gzipped: gzipSync(result.outputFiles[0].contents, { level: 9 }).length,
  });
}
sizes.sort((a, b) => b.gzipped - a.gzipped);
const median = sizes[Math.floor(sizes.length / 2)];
console.log(
  `One model alone (valibot excluded), ${sizes.length} models; median ${median.gzipped} B (${median.model}). Largest:`,
);
console.table(
  sizes.slice(0, 5).map((row) => ({ ...row, gzipped: `${(row.gzipped / 1024).toFixed(2)} KB` })),
);
