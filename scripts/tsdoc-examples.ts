// Type-checks every ```ts example in the TSDoc comments of a package's src/ (tests
// excluded), as a user would write it: imports of the package resolve to its source.
// One TypeScript program for all of them, with the package's own compiler options.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export interface TsdocExamplesOptions {
  /** The package folder's URL (ending with a slash). */
  packageRoot: URL;
  /** Import specifiers and the source files they stand for, e.g. `{ "@wai/x": "src/index.ts" }`. */
  entries: Record<string, string>;
}

export interface TsdocExample {
  /** Where the example is: `src/file.ts:line`. */
  where: string;
  code: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$|\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every ```ts block inside a `/** ... *\/` comment of the package's src/. */
export function tsdocExamples(packageRoot: URL): TsdocExample[] {
  const root = fileURLToPath(packageRoot);
  const examples: TsdocExample[] = [];
  for (const file of sourceFiles(join(root, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^[ \t]*\*[ \t]*```ts\n([\s\S]*?)^[ \t]*\*[ \t]*```/gm)) {
      const line = text.slice(0, match.index).split("\n").length;
      const code = (match[1] ?? "").replace(/^[ \t]*\* ?/gm, "");
      examples.push({ where: `${relative(root, file)}:${line}`, code });
    }
  }
  return examples;
}

/** Type-checks the examples; returns one message per diagnostic, naming the example. */
export function checkTsdocExamples({ packageRoot, entries }: TsdocExamplesOptions): string[] {
  const root = fileURLToPath(packageRoot);
  const folder = join(root, "test", ".tsdoc-examples");
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  try {
    const examples = tsdocExamples(packageRoot);
    const files = examples.map((example, index) => {
      const file = join(folder, `example-${index}.ts`);
      // Each example is a module of its own.
      writeFileSync(file, `${example.code}\nexport {};\n`);
      return file;
    });
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    );
    const paths = Object.fromEntries(
      Object.entries(entries).map(([specifier, path]) => [specifier, [join(root, path)]]),
    );
    const program = ts.createProgram(files, {
      ...config?.options,
      noEmit: true,
      paths,
      noUnusedLocals: false,
    });
    return ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file && files.includes(diagnostic.file.fileName))
      .map((diagnostic) => {
        const index = files.indexOf(diagnostic.file?.fileName ?? "");
        const { line } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? {
          line: 0,
        };
        return `${examples[index]?.where} (example line ${line + 1}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
      });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
