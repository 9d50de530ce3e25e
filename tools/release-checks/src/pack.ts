// Packs workspace packages the way a release publishes them: `pnpm pack` rewrites
// `workspace:` ranges to real versions and keeps only the `files` a user gets.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { WorkspacePackage } from "./workspace.ts";

export interface Packed {
  name: string;
  version: string;
  /** The absolute path of the `.tgz`. */
  tarball: string;
  /** The package's folder in the workspace. */
  dir: string;
}

/** `pnpm pack` of one package into `destination`; returns the tarball's path. */
export function pnpmPack(pkg: WorkspacePackage, destination: string): Packed {
  const before = new Set(readdirSync(destination));
  execFileSync("pnpm", ["pack", "--pack-destination", destination], {
    cwd: pkg.dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_loglevel: "error" },
  });
  const made = readdirSync(destination).filter(
    (file) => !before.has(file) && file.endsWith(".tgz"),
  );
  if (made.length !== 1) throw new Error(`pnpm pack of ${pkg.json.name} made ${made.join(", ")}`);
  return {
    name: pkg.json.name,
    version: pkg.json.version,
    tarball: join(destination, made[0] as string),
    dir: pkg.dir,
  };
}
