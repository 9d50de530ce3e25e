// Checks that a package's published types (dist/*.d.ts) compile in a Cloudflare Workers
// project: @cloudflare/workers-types instead of the DOM lib, and skipLibCheck off, so
// that every declaration is checked against the Workers runtime's own types.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export interface ConsumerTypesOptions {
  /** The package folder's URL (ending with a slash); its dist must be built. */
  packageRoot: URL;
  /** The package's name, as the consumer imports it. */
  packageName: string;
  /** A Worker module using the package. */
  source: string;
}

/** Compiles `source` as a Worker would and returns TypeScript's diagnostics, formatted. */
export function compileAsWorker({
  packageRoot,
  packageName,
  source,
}: ConsumerTypesOptions): string[] {
  const root = fileURLToPath(packageRoot);
  const require = createRequire(join(root, "package.json"));
  const workersTypes = dirname(require.resolve("@cloudflare/workers-types/package.json"));
  const folder = mkdtempSync(join(tmpdir(), "wai-consumer-"));
  try {
    const modules = join(folder, "node_modules");
    mkdirSync(join(modules, "@cloudflare"), { recursive: true });
    mkdirSync(join(modules, packageName.split("/")[0] as string), { recursive: true });
    symlinkSync(workersTypes, join(modules, "@cloudflare", "workers-types"));
    symlinkSync(root, join(modules, packageName));
    const entry = join(folder, "worker.ts");
    // Resolved from the file's folder, as in a Worker project with workers-types installed.
    writeFileSync(entry, `/// <reference types="@cloudflare/workers-types" />\n${source}`);
    const program = ts.createProgram([entry], {
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2023.d.ts"],
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      // Nothing else: in particular not @types/node from this repository.
      types: [],
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
