// Releasing independently, rehearsed in a copy of the workspace: changesets for two
// packages at different bump levels; `changeset version` bumps those and (as
// .changeset/config.json says: internal dependencies updated at "patch") the packages
// that depend on them, writes their changelogs, and touches nothing else; then
// `changeset publish` against a loopback registry holding the current versions publishes
// exactly the bumped packages.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startFixtureRegistry } from "../src/install.ts";
import type { Registry } from "../src/registry.ts";
import { type ReleaseCopy, releaseCopy } from "../src/release-copy.ts";
import {
  type PackageJson,
  publicPackages,
  readJson,
  workspaceDependencies,
} from "../src/workspace.ts";

const fixtures = inject("fixtures");
const packages = publicPackages();
const minor = "@wai/typed-array";
const patch = "@wai/ai-models";

/** The public packages that depend on `names`, transitively (workspace dependencies). */
function dependants(names: string[]): string[] {
  const found = new Set(names);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pkg of packages) {
      if (
        !found.has(pkg.json.name) &&
        workspaceDependencies(pkg, packages).some((name) => found.has(name))
      ) {
        found.add(pkg.json.name);
        grew = true;
      }
    }
  }
  return [...found].filter((name) => !names.includes(name)).sort();
}

describe("releasing two packages independently", () => {
  let copy: ReleaseCopy;
  let registry: Registry;
  const before = new Map(packages.map((pkg) => [pkg.json.name, pkg.json.version]));
  const after = new Map<string, PackageJson>();

  beforeAll(async () => {
    copy = await releaseCopy();
    await copy.changeset(["add", "--minor", minor, "-m", "Add a feature to the array."]);
    await copy.changeset(["add", "--patch", patch, "-m", "Fix a model's schema."]);
    await copy.changeset(["version"]);
    for (const pkg of packages)
      after.set(pkg.json.name, readJson(join(copy.dir, pkg.path, "package.json")));
  });
  afterAll(() => registry?.close());

  test("the precondition: every public package is at a version that is not bumped yet", () => {
    expect(packages.map((pkg) => pkg.json.name)).toContain(minor);
    expect(packages.map((pkg) => pkg.json.name)).toContain(patch);
  });

  test("changeset version bumps the two at their levels, their dependants at patch, nothing else", () => {
    const bump = (name: string) => {
      const [major, minorPart, patchPart] = (before.get(name) ?? "").split(".").map(Number);
      return { major, minor: minorPart, patch: patchPart } as {
        major: number;
        minor: number;
        patch: number;
      };
    };
    const expected = new Map<string, string>();
    for (const pkg of packages) expected.set(pkg.json.name, pkg.json.version);
    const a = bump(minor);
    expected.set(minor, `${a.major}.${a.minor + 1}.0`);
    for (const name of [patch, ...dependants([minor, patch])]) {
      if (name === minor) continue;
      const b = bump(name);
      expected.set(name, `${b.major}.${b.minor}.${b.patch + 1}`);
    }
    const actual = new Map([...after].map(([name, json]) => [name, json.version]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    // And something stays: the bumps do not spread to unrelated packages.
    expect(
      [...actual].filter(([name, version]) => before.get(name) === version).length,
    ).toBeGreaterThan(0);
  });

  test("each bumped package gets a changelog entry; the others none", () => {
    for (const pkg of packages) {
      const changelog = join(copy.dir, pkg.path, "CHANGELOG.md");
      const bumped = after.get(pkg.json.name)?.version !== before.get(pkg.json.name);
      const text = existsSync(changelog) ? readFileSync(changelog, "utf8") : "";
      if (bumped) expect(text, pkg.json.name).toContain(`## ${after.get(pkg.json.name)?.version}`);
      else
        expect(text, pkg.json.name).toBe(
          existsSync(join(pkg.dir, "CHANGELOG.md"))
            ? readFileSync(join(pkg.dir, "CHANGELOG.md"), "utf8")
            : "",
        );
    }
    expect(
      readFileSync(
        join(copy.dir, packages.find((p) => p.json.name === minor)?.path ?? "", "CHANGELOG.md"),
        "utf8",
      ),
    ).toContain("Add a feature to the array.");
  });

  test("changeset publish, against a loopback registry holding the current versions, publishes only the bumped packages", async () => {
    registry = await startFixtureRegistry(fixtures);
    const npmrc = join(copy.dir, ".npmrc");
    const host = registry.url.replace(/^http:/, "");
    writeFileSync(npmrc, `registry=${registry.url}\n${host}:_authToken=release-checks\n`);
    const env = {
      npm_config_registry: registry.url,
      npm_config_userconfig: npmrc,
      npm_config_audit: "false",
      npm_config_update_notifier: "false",
      npm_config_cache: join(copy.dir, ".npm-cache"),
    };
    await copy.changeset(["publish", "--no-git-tag"], env);
    const bumped = [...after]
      .filter(([name, json]) => before.get(name) !== json.version)
      .map(([name, json]) => `${name}@${json.version}`)
      .sort();
    expect([...registry.published].sort()).toEqual(bumped);
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
