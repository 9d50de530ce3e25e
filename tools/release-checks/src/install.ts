// Installs from the loopback registry into scratch projects, and runs what was installed
// in Node and in workerd.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Fixtures } from "./fixtures.ts";
import { registryPackages } from "./fixtures.ts";
import { type Registry, startRegistry } from "./registry.ts";
import { type InstalledPackage, type ScratchProject, scratchProject } from "./scratch.ts";
import { installedDependencies } from "./third-party.ts";
import { bundleWorker, fetchFromWorker } from "./worker.ts";

const run = promisify(execFile);

/** A registry holding every packed public package and every third-party one they need. */
export function startFixtureRegistry(fixtures: Fixtures): Promise<Registry> {
  return startRegistry(registryPackages(fixtures));
}

/**
 * What `npm install <names>` should bring, by the manifests alone: the named packages,
 * their dependencies and required peers, transitively (names only).
 */
export function expectedClosure(names: string[], fixtures: Fixtures): string[] {
  const manifests = new Map(registryPackages(fixtures).map(({ json }) => [json.name, json]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = manifests.get(name);
    if (!manifest) throw new Error(`no manifest for ${name}`);
    for (const dependency of installedDependencies(manifest)) visit(dependency);
  };
  for (const name of names) visit(name);
  return [...seen].sort();
}

/** Runs `node <file>` in the project; returns its stdout parsed as JSON. */
export async function runNode(project: ScratchProject, file: string): Promise<unknown> {
  const { stdout } = await run("node", [file], { cwd: project.dir, encoding: "utf8" });
  return JSON.parse(stdout);
}

/** Bundles `file` as a Worker with wrangler, runs it in workerd, returns its JSON answer. */
export async function runWorker(project: ScratchProject, file: string): Promise<unknown> {
  const { module } = bundleWorker(project.dir, file);
  const { status, text } = await fetchFromWorker(module);
  if (status !== 200) throw new Error(`the Worker answered ${status}: ${text}`);
  return JSON.parse(text);
}

export function names(installed: InstalledPackage[]): string[] {
  return [...new Set(installed.map((pkg) => pkg.name))].sort();
}

export { scratchProject };
