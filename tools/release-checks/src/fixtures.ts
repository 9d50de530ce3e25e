// What the release checks share, made once per test run by test/global-setup.ts: every
// public package packed by pnpm, and the third-party packages they need, as tarballs,
// ready to be served by the loopback registry.
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { breakTarballs } from "./break.ts";
import { type Packed, pnpmPack } from "./pack.ts";
import { type RegistryPackage, readRegistryPackage } from "./registry.ts";
import { tarFolder, thirdPartyClosure } from "./third-party.ts";
import { publicPackages } from "./workspace.ts";

export interface Fixtures {
  /** The folder holding every tarball. */
  folder: string;
  /** The public packages, packed, in workspace path order. */
  packed: Packed[];
  /** Tarballs of the third-party packages the public packages need. */
  thirdParty: string[];
}

export function makeFixtures(): Fixtures {
  const folder = mkdtempSync(join(tmpdir(), "wai-release-packs-"));
  const packages = publicPackages();
  for (const pkg of packages) {
    for (const entry of ["dist", "package.json"]) {
      try {
        statSync(join(pkg.dir, entry));
      } catch {
        throw new Error(`${pkg.json.name} has no ${entry}: build it first (pnpm build)`);
      }
    }
  }
  const packed = packages.map((pkg) => pnpmPack(pkg, folder));
  breakTarballs(packed);
  const thirdParty = thirdPartyClosure(packages).map((pkg) => {
    const tarball = join(folder, `third-party-${pkg.name.replace("/", "+")}-${pkg.version}.tgz`);
    tarFolder(pkg.dir, tarball);
    return tarball;
  });
  return { folder, packed, thirdParty };
}

/** Everything the loopback registry serves: the packed packages and the third-party ones. */
export function registryPackages(fixtures: Fixtures): RegistryPackage[] {
  return [...fixtures.packed.map((packed) => packed.tarball), ...fixtures.thirdParty].map(
    readRegistryPackage,
  );
}
