// Prints what one model costs in a Worker bundle, for every model: its module, its shared
// schemas and defineModel, bundled alone from the built package with esbuild, minified,
// gzipped, valibot excluded. Then what a model adds to a bundle that already holds another
// (Llama 4 Scout): the schema helpers (oneOf, jsonObject, jsonRecord...) and defineModel are
// paid once per bundle, so this is the cost of each further model. Run after the build:
// `pnpm size` runs it.
import { bundleImport } from "../../../scripts/bundle.ts";
import * as models from "../dist/models/index.js";

const bundle = async (names) =>
  (
    await bundleImport({
      names,
      from: "./dist/index.js",
      resolveDir: process.cwd(),
      external: ["valibot"],
    })
  ).gzipped;

const first = "llama4Scout17b16eInstruct";
const firstAlone = await bundle([first]);
const sizes = [];
for (const [name, model] of Object.entries(models)) {
  const alone = await bundle([name]);
  const added = name === first ? undefined : (await bundle([first, name])) - firstAlone;
  sizes.push({ model: model.id, export: name, gzipped: alone, added });
}
const medianOf = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
sizes.sort((a, b) => b.gzipped - a.gzipped);
const median = sizes[Math.floor(sizes.length / 2)];
console.log(
  `One model alone (valibot excluded), ${sizes.length} models; median ${median.gzipped} B (${median.model}). Largest:`,
);
console.table(
  sizes.slice(0, 5).map((row) => ({
    model: row.model,
    export: row.export,
    gzipped: `${(row.gzipped / 1024).toFixed(2)} KB`,
  })),
);
const added = sizes.flatMap((row) => (row.added === undefined ? [] : [row.added]));
console.log(
  `A further model, added to a bundle that holds ${first} (${firstAlone} B): median ${medianOf(added)} B, largest ${Math.max(...added)} B.`,
);
