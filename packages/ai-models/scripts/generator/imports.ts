/**
 * The imports of one generated module, collected while its code is printed.
 *
 * @module
 */

/** Where a printed module stands: `src/models/` or `src/models/shared/`. */
export type ModuleFolder = "models" | "shared";

export class Imports {
  readonly folder: ModuleFolder;
  /** Value imports: name -> module. */
  readonly values = new Map<string, string>();
  /** Type imports: name -> module. */
  readonly types = new Map<string, string>();

  constructor(folder: ModuleFolder) {
    this.folder = folder;
  }

  /** A value exported by `module` (a path relative to the printed module); returns `name`. */
  value(name: string, module: string): string {
    this.values.set(name, module);
    return name;
  }

  /** A type exported by `module`; returns `name`. */
  type(name: string, module: string): string {
    this.types.set(name, module);
    return name;
  }

  /** The module of a hand-written shape, `src/shapes/<file>.ts`. */
  shapes(file: string): string {
    return `${this.folder === "models" ? ".." : "../.."}/shapes/${file}.js`;
  }

  /** The module of a generated shared shape, `src/models/shared/<file>.ts`. */
  shared(file: string): string {
    return `${this.folder === "models" ? "./shared" : "."}/${file}.js`;
  }

  /** The module of `src/<file>.ts` (e.g. `model`). */
  source(file: string): string {
    return `${this.folder === "models" ? ".." : "../.."}/${file}.js`;
  }

  /** The import declarations, sorted by module (biome sorts them the same way). */
  print(): string {
    const byModule = new Map<string, string[]>();
    const add = (module: string, name: string) =>
      byModule.set(module, [...(byModule.get(module) ?? []), name]);
    for (const [name, module] of this.values) add(module, name);
    for (const [name, module] of this.types)
      if (this.values.get(name) !== module) add(module, `type ${name}`);
    const bare = (name: string) => name.replace(/^type /, "");
    return [...byModule]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([module, names]) => {
        const sorted = names.sort((a, b) => (bare(a) < bare(b) ? -1 : 1));
        const types = sorted.filter((name) => name.startsWith("type ")).map(bare);
        const values = sorted.filter((name) => !name.startsWith("type "));
        const line = `import { ${sorted.join(", ")} } from "${module}";`;
        // A line too long for the formatter is two, `import type` and `import`, rather than one
        // wrapped to four.
        if (line.length <= 100 || types.length === 0 || values.length === 0) {
          return values.length === 0
            ? `import type { ${types.join(", ")} } from "${module}";`
            : line;
        }
        return `import type { ${types.join(", ")} } from "${module}";\nimport { ${values.join(", ")} } from "${module}";`;
      })
      .join("\n");
  }
}
