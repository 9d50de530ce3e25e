// Which public exports of a package lack TSDoc: read from the built declarations (what a
// user's editor shows), one TypeScript program per package.
import { join } from "node:path";
import ts from "typescript";
import type { WorkspacePackage } from "./workspace.ts";

export interface ExportDoc {
  /** `subpath:name`, e.g. `.:TypedArray`. */
  name: string;
  kind: "value" | "type";
  /** A function or a class: what a user calls, and so what an @example shows. */
  callable: boolean;
  summary: boolean;
  example: boolean;
}

/** The `types` file of every subpath export. */
function typeEntries(pkg: WorkspacePackage): [string, string][] {
  const exports = (typeof pkg.json.exports === "object" ? pkg.json.exports : {}) as Record<
    string,
    unknown
  >;
  return Object.entries(exports).flatMap(([subpath, target]) => {
    const types =
      typeof target === "object" && target !== null
        ? (target as { types?: string }).types
        : undefined;
    return types ? [[subpath, join(pkg.dir, types)] as [string, string]] : [];
  });
}

export function exportDocs(pkg: WorkspacePackage): ExportDoc[] {
  const entries = typeEntries(pkg);
  const program = ts.createProgram(
    entries.map(([, file]) => file),
    {
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
    },
  );
  const checker = program.getTypeChecker();
  const docs: ExportDoc[] = [];
  for (const [subpath, file] of entries) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const isValue = (symbol.flags & ts.SymbolFlags.Value) !== 0;
      const summary =
        ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim().length > 0;
      const example = symbol.getJsDocTags(checker).some((tag) => tag.name === "example");
      const callable =
        (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class)) !== 0 ||
        (isValue && checker.getTypeOfSymbol(symbol).getCallSignatures().length > 0);
      docs.push({
        name: `${subpath}:${exported.name}`,
        kind: isValue ? "value" : "type",
        callable,
        summary,
        example,
      });
    }
  }
  return docs;
}
