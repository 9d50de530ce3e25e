// The packages from outside the workspace that the public packages need when installed
// (their dependencies and required peers, and theirs, transitively), taken from the
// workspace's own install (pnpm's node_modules, filled from its store) and packed as
// tarballs, so that a scratch install can get them from a loopback registry, offline.
import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PackageJson, WorkspacePackage } from "./workspace.ts";
import { readJson } from "./workspace.ts";

export interface ThirdPartyPackage {
  name: string;
  version: string;
  /** The package's folder inside the workspace's node_modules (real path). */
  dir: string;
  json: PackageJson;
}

/** The folder of `name` as Node would find it from `from` (walking up node_modules). */
function findPackageDir(name: string, from: string): string | undefined {
  let folder = from;
  for (;;) {
    const candidate = join(folder, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** What an install of a package pulls in: dependencies, optional ones, required peers. */
export function installedDependencies(json: PackageJson): string[] {
  const optionalPeers = new Set(
    Object.entries(json.peerDependenciesMeta ?? {})
      .filter(([, meta]) => meta.optional === true)
      .map(([name]) => name),
  );
  return [
    ...Object.keys(json.dependencies ?? {}),
    ...Object.keys(json.optionalDependencies ?? {}),
    ...Object.keys(json.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name)),
  ];
}

/**
 * The third-party closure of the given workspace packages, one entry per name and
 * version. Throws when a dependency cannot be found in the workspace's install (run
 * `pnpm install` first).
 */
export function thirdPartyClosure(packages: WorkspacePackage[]): ThirdPartyPackage[] {
  const workspaceNames = new Set(packages.map((pkg) => pkg.json.name));
  const found = new Map<string, ThirdPartyPackage>();
  const visit = (name: string, from: string, via: string) => {
    if (workspaceNames.has(name)) return;
    const dir = findPackageDir(name, from);
    if (!dir) throw new Error(`${via} needs ${name}, which is not installed in the workspace`);
    const json = readJson(join(dir, "package.json"));
    const key = `${json.name}@${json.version}`;
    if (found.has(key)) return;
    found.set(key, { name: json.name, version: json.version, dir, json });
    for (const dependency of installedDependencies(json)) visit(dependency, dir, key);
  };
  for (const pkg of packages) {
    for (const dependency of installedDependencies(pkg.json)) {
      visit(dependency, pkg.dir, pkg.json.name);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Packs an installed package folder as a registry tarball (`package/...`). */
export function tarFolder(dir: string, tarball: string): void {
  execFileSync("tar", [
    "-czf",
    tarball,
    "--exclude=./node_modules",
    "--owner=0",
    "--group=0",
    "--transform=s,^\\.,package,",
    "-C",
    dir,
    ".",
  ]);
}
