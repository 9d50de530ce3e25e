// The figures of a public package as a user gets it, measured on a scratch install of
// that one package from the loopback registry: its packed tarball, its size on disk,
// what its main entry weighs in a bundle, and what `npm install` of it brings.
import { statSync } from "node:fs";
import { bundleModule } from "../../../scripts/bundle.ts";
import type { Packed } from "./pack.ts";
import type { Registry } from "./registry.ts";
import { tarballManifest } from "./registry.ts";
import { type InstalledPackage, type ScratchProject, scratchProject } from "./scratch.ts";

export interface PackageFigures {
  name: string;
  version: string;
  /** Bytes of the `.tgz` that `pnpm pack` makes (what the registry stores). */
  tarballBytes: number;
  /** Bytes of the package's own files once installed. */
  installedBytes: number;
  /** The main entry (`.`) with everything it imports but peer dependencies, bundled by esbuild: minified, then gzipped. */
  mainMinified: number;
  mainGzipped: number;
  /** The packages `npm install <name>` brings, the package itself included. */
  installed: InstalledPackage[];
  /** Their bytes on disk, together. */
  installedTotalBytes: number;
}

/** The JS entry points of a manifest's `exports` (data files and package.json left out). */
export function jsEntryPoints(exports: unknown): string[] {
  if (typeof exports !== "object" || exports === null) return ["."];
  return Object.entries(exports)
    .filter(([, target]) => typeof target !== "string" || /\.m?js$/.test(target))
    .map(([subpath]) => subpath);
}

/** Bundles `export * from name` as resolved from the project, peers external. */
export async function mainEntrySize(
  project: ScratchProject,
  name: string,
  peers: string[],
): Promise<{ minified: number; gzipped: number }> {
  const { minified, gzipped } = await bundleModule({
    contents: `export * from ${JSON.stringify(name)};\n`,
    resolveDir: project.dir,
    external: peers,
  });
  return { minified, gzipped };
}

/** Installs `packed` alone into a new scratch project and measures it. */
export async function measure(
  packed: Packed,
  registry: Registry,
): Promise<{ figures: PackageFigures; project: ScratchProject }> {
  const project = scratchProject(registry.url, packed.name.replace(/\W+/g, "-"));
  await project.install([packed.name]);
  const installed = project.installed();
  const own = installed.find((pkg) => pkg.path === `node_modules/${packed.name}`);
  if (!own) throw new Error(`${packed.name} is not in node_modules after its install`);
  const manifest = tarballManifest(packed.tarball);
  const { minified, gzipped } = await mainEntrySize(
    project,
    packed.name,
    Object.keys(manifest.peerDependencies ?? {}),
  );
  return {
    project,
    figures: {
      name: packed.name,
      version: packed.version,
      tarballBytes: statSync(packed.tarball).size,
      installedBytes: own.bytes,
      mainMinified: minified,
      mainGzipped: gzipped,
      installed,
      installedTotalBytes: installed.reduce((total, pkg) => total + pkg.bytes, 0),
    },
  };
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** One row per package, for console.table and the README. */
export function figuresRow(figures: PackageFigures): Record<string, string | number> {
  return {
    package: figures.name,
    tarball: kilobytes(figures.tarballBytes),
    installed: kilobytes(figures.installedBytes),
    "main entry min+gz": kilobytes(figures.mainGzipped),
    "npm install brings": `${figures.installed.length} packages, ${kilobytes(figures.installedTotalBytes)}`,
  };
}
