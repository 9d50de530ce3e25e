// The workspace as a release sees it: which packages are public (not `private`), where
// they are, what they depend on. Everything here reads files; nothing runs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's top folder. */
export const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean | undefined;
  description?: string | undefined;
  license?: string | undefined;
  type?: string | undefined;
  sideEffects?: boolean | string[] | undefined;
  repository?: { type: string; url: string; directory?: string | undefined } | string | undefined;
  files?: string[] | undefined;
  engines?: Record<string, string> | undefined;
  exports?: Record<string, unknown> | string | undefined;
  bin?: Record<string, string> | string | undefined;
  publishConfig?: Record<string, unknown> | undefined;
  scripts?: Record<string, string> | undefined;
  dependencies?: Record<string, string> | undefined;
  peerDependencies?: Record<string, string> | undefined;
  peerDependenciesMeta?: Record<string, { optional?: boolean }> | undefined;
  optionalDependencies?: Record<string, string> | undefined;
  devDependencies?: Record<string, string> | undefined;
}

export interface WorkspacePackage {
  /** The absolute folder. */
  dir: string;
  /** The folder relative to the repository, e.g. `packages/typed-array`. */
  path: string;
  json: PackageJson;
}

export function readJson<T = PackageJson>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** The `packages:` globs of pnpm-workspace.yaml (only `folder/*` globs are used here). */
function workspaceGlobs(root: string): string[] {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const block = /^packages:\n((?:\s+-\s+.*\n?)+)/m.exec(yaml)?.[1] ?? "";
  return [...block.matchAll(/-\s+["']?([^"'\n]+)["']?/g)].map((match) => (match[1] ?? "").trim());
}

/** Every workspace package with a package.json, in path order. */
export function workspacePackages(root: string = repositoryRoot): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const glob of workspaceGlobs(root)) {
    if (!glob.endsWith("/*")) throw new Error(`unsupported workspace glob ${glob}`);
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const dir = join(parent, entry.name);
      if (!entry.isDirectory() || !existsSync(join(dir, "package.json"))) continue;
      packages.push({ dir, path: relative(root, dir), json: readJson(join(dir, "package.json")) });
    }
  }
  return packages.sort((a, b) => a.path.localeCompare(b.path));
}

/** The packages that are published: every workspace package that is not `private`. */
export function publicPackages(root: string = repositoryRoot): WorkspacePackage[] {
  return workspacePackages(root).filter((pkg) => pkg.json.private !== true);
}

/** The names of the workspace packages a package depends on when installed (not dev). */
export function workspaceDependencies(pkg: WorkspacePackage, all: WorkspacePackage[]): string[] {
  const names = new Set(all.map((other) => other.json.name));
  const { dependencies = {}, peerDependencies = {} } = pkg.json;
  return [...Object.keys(dependencies), ...Object.keys(peerDependencies)].filter((name) =>
    names.has(name),
  );
}
