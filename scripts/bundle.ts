// Bundles what a Worker gets for an import, the way the size budgets, the model-size
// report and the tree-shaking tests all measure it: esbuild, ES module, minified,
// platform neutral, the imported names kept alive.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleImportOptions {
  /** The imported names, e.g. `["TypedReadableStream", "decodeJSONEvents"]`. */
  names: readonly string[];
  /** Where from, resolved from `resolveDir`, e.g. `"./dist/index.js"`. */
  from: string;
  /** The folder imports are resolved from. */
  resolveDir: string;
  /** Packages left out of the bundle, e.g. `["valibot"]`. */
  external?: readonly string[] | undefined;
}

/** The minified bundle of `import { names } from "from"`, as text and gzipped size. */
export async function bundleImport(
  options: BundleImportOptions,
): Promise<{ code: string; minified: number; gzipped: number }> {
  const { names, from, resolveDir, external = [] } = options;
  return bundleModule({
    contents: `import { ${names.join(", ")} } from ${JSON.stringify(from)};\nglobalThis.keep = [${names.join(", ")}];\n`,
    resolveDir,
    external,
  });
}

/** The minified bundle of a module's source, resolved from `resolveDir`, with its gzipped size. */
export async function bundleModule(options: {
  contents: string;
  resolveDir: string;
  external?: readonly string[] | undefined;
}): Promise<{ code: string; minified: number; gzipped: number }> {
  const { contents, resolveDir, external = [] } = options;
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    external: [...external],
    logLevel: "error",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild gave no output for ${contents}`);
  return {
    code: output.text,
    minified: output.contents.length,
    gzipped: gzipSync(output.contents, { level: 9 }).length,
  };
}
