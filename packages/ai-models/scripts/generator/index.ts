/**
 * The generator's stages, in order: read the data, normalize each JSON Schema into one
 * intermediate form, name the shared shapes and property groups, print valibot schemas and
 * TypeScript types, lay out and write the modules. `scripts/generate.ts` is the command
 * line; {@link generate} is the whole pipeline, for it and for the tests.
 *
 * @module
 */
import { type NamedCatalog, type NameOptions, nameCatalog } from "./names.ts";
import { normalize } from "./normalize.ts";
import { type ReadOptions, readCatalog } from "./read.ts";
import { layOut, unusedModules } from "./write.ts";

export interface GenerateOptions extends ReadOptions, NameOptions {}

/** The generated files (by path under `src/`, before formatting) and the named catalog. */
export function generate(options: GenerateOptions = {}): {
  files: Map<string, string>;
  catalog: NamedCatalog;
} {
  const models = readCatalog(options).map((data) => {
    try {
      return {
        data,
        input: data.schemas && normalize(data.schemas.input),
        output: data.schemas && normalize(data.schemas.output),
      };
    } catch (error) {
      throw new Error(`${data.model.name}: ${(error as Error).message}`, { cause: error });
    }
  });
  const catalog = nameCatalog(models, options);
  const files = layOut(catalog);
  const unused = unusedModules(files);
  if (unused.length > 0)
    throw new Error(`generated modules that nothing imports: ${unused.join(", ")}`);
  return { files, catalog };
}
