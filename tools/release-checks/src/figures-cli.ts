// Prints the release figures of every public package (built first: `pnpm release:figures`
// from the top builds them): packed tarball, installed size, main entry minified and
// gzipped, and what `npm install` of it brings. Offline: each package is installed alone
// into a scratch project from a loopback registry. `--json` prints them as JSON.
import { rmSync } from "node:fs";
import { figuresRow, measure, type PackageFigures } from "./figures.ts";
import { makeFixtures } from "./fixtures.ts";
import { startFixtureRegistry } from "./install.ts";

const fixtures = makeFixtures();
const registry = await startFixtureRegistry(fixtures);
const all: PackageFigures[] = [];
try {
  for (const packed of fixtures.packed) {
    const { figures, project } = await measure(packed, registry);
    all.push(figures);
    rmSync(project.dir, { recursive: true, force: true });
  }
} finally {
  await registry.close();
  rmSync(fixtures.folder, { recursive: true, force: true });
}
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(all, null, 2));
} else {
  console.table(all.map(figuresRow));
  for (const figures of all) {
    const brought = figures.installed.map((pkg) => `${pkg.name}@${pkg.version}`).join(", ");
    console.log(`${figures.name}: npm install brings ${brought}`);
  }
}
