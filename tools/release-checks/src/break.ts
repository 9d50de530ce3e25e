// Deliberate breakages, to see the release checks fail (each was seen failing once):
//   RELEASE_CHECKS_BREAK=<name> pnpm --filter @wai/release-checks test
// The tarball breakages rewrite one packed package before any test sees it; the release
// breakage changes the rehearsal's changesets configuration. Nothing in the workspace is
// touched.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Packed } from "./pack.ts";

type Manifest = Record<string, unknown> & { exports: Record<string, Record<string, string>> };

const tarballBreakages: Record<
  string,
  { package: string; change(dir: string, json: Manifest): void }
> = {
  // publint and the package.json rules: "types" must come first.
  "exports-order": {
    package: "@wai/typed-array",
    change: (_dir, json) => {
      const { types, ...rest } = json.exports["."] as Record<string, string>;
      json.exports["."] = { ...rest, types: types as string };
    },
  },
  // attw: the types of an entry point do not resolve.
  "types-missing": {
    package: "@wai/typed-stream",
    change: (_dir, json) => {
      (json.exports["."] as Record<string, string>).types = "./dist/missing.d.ts";
    },
  },
  // The primitives' install must hold no schema library.
  "extra-dependency": {
    package: "@wai/typed-stream",
    change: (_dir, json) => {
      json["dependencies"] = { ...(json["dependencies"] as object), valibot: "^1.5.0" };
    },
  },
  // The full client must run from its tarball.
  "broken-entry": {
    package: "@wai/ai-client",
    change: (dir) =>
      writeFileSync(
        join(dir, "package", "dist", "index.js"),
        'throw new Error("broken on purpose");\n',
      ),
  },
};

/** The breakage asked for by RELEASE_CHECKS_BREAK, if any. */
export const breakage = process.env["RELEASE_CHECKS_BREAK"] ?? "";

/** Applies a tarball breakage to the packed packages (in place). */
export function breakTarballs(packed: Packed[]): void {
  const spec = tarballBreakages[breakage];
  if (!spec) return;
  const target = packed.find((pkg) => pkg.name === spec.package);
  if (!target) throw new Error(`RELEASE_CHECKS_BREAK=${breakage}: ${spec.package} is not packed`);
  const dir = mkdtempSync(join(tmpdir(), "wai-break-"));
  try {
    execFileSync("tar", ["-xzf", target.tarball, "-C", dir]);
    const file = join(dir, "package", "package.json");
    const json = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    spec.change(dir, json);
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    execFileSync("tar", ["-czf", target.tarball, "-C", dir, "package"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const breakageNames = [...Object.keys(tarballBreakages), "fixed-versions"];
