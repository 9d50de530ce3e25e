// Every public package (whatever packages/ holds that is not private) installs alone
// from its packed tarball, with npm, outside the workspace, brings exactly what its
// manifest declares, and each of its JS entry points loads: in Node, or, for an entry that
// imports `cloudflare:` modules (a WorkerEntrypoint), in a wrangler-bundled Worker in workerd.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { jsEntryPoints, measure } from "../src/figures.ts";
import {
  expectedClosure,
  names,
  runNode,
  runWorker,
  startFixtureRegistry,
} from "../src/install.ts";
import type { Registry } from "../src/registry.ts";
import { tarballManifest } from "../src/registry.ts";

const fixtures = inject("fixtures");
let registry: Registry;
beforeAll(async () => {
  registry = await startFixtureRegistry(fixtures);
});
afterAll(() => registry?.close());

describe.each(fixtures.packed.map((packed) => [packed.name, packed] as const))(
  "%s",
  (name, packed) => {
    test("installs alone, brings what it declares, and every entry point loads (Node; workerd for Workers-only ones)", async () => {
      const { figures, project } = await measure(packed, registry);
      expect(names(figures.installed)).toEqual(expectedClosure([name], fixtures));
      const manifest = tarballManifest(packed.tarball);
      const entries = jsEntryPoints(manifest.exports);
      const specifier = (entry: string) => (entry === "." ? name : `${name}/${entry.slice(2)}`);
      const workersOnly = (entry: string) => {
        const target = (manifest.exports as Record<string, { default?: string } | string>)[entry];
        const file = typeof target === "string" ? target : target?.default;
        const code = file
          ? readFileSync(join(project.dir, "node_modules", name, file), "utf8")
          : "";
        return /\bfrom\s*["']cloudflare:/.test(code);
      };
      const loader = (specifiers: string[]) =>
        `export async function load() {\n  const loaded = {};\n${specifiers.map((s, i) => `  loaded[${JSON.stringify(s)}] = Object.keys(await import(${JSON.stringify(s)})).length; // ${i}`).join("\n")}\n  return loaded;\n}\n`;
      const inNode = entries.filter((entry) => !workersOnly(entry)).map(specifier);
      const inWorkerd = entries.filter(workersOnly).map(specifier);

      project.write("load-node.js", loader(inNode));
      project.write(
        "node.js",
        `import { load } from "./load-node.js";\nconsole.log(JSON.stringify(await load()));\n`,
      );
      const loaded = (await runNode(project, "node.js")) as Record<string, number>;
      if (inWorkerd.length > 0) {
        project.write("load-workerd.js", loader(inWorkerd));
        project.write(
          "worker.js",
          `import { load } from "./load-workerd.js";\nexport default { async fetch() { return Response.json(await load()); } };\n`,
        );
        Object.assign(loaded, await runWorker(project, "worker.js"));
      }
      expect(Object.keys(loaded).sort()).toEqual(entries.map(specifier).sort());
      for (const [entry, count] of Object.entries(loaded)) expect(count, entry).toBeGreaterThan(0);
      expect(figures.mainGzipped).toBeGreaterThan(0);
    });
  },
);
