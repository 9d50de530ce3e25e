// What a published package must be, checked on its packed tarball: publint (strict: its
// warnings count as errors), @arethetypeswrong/cli with the ESM-only profile, and the
// project's own rules for package.json (ESM only, `types` first in `exports`,
// `./package.json` exported, `files` limited to what a user needs, `sideEffects: false`,
// `engines.node`, a `repository` pointing at the package's folder, a `license`).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import type { Packed } from "./pack.ts";
import { tarballManifest } from "./registry.ts";
import { type PackageJson, readJson, repositoryRoot } from "./workspace.ts";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** publint's messages for the tarball, formatted; empty when clean. */
export async function publintProblems(packed: Packed): Promise<string[]> {
  const tarball = readFileSync(packed.tarball);
  const { messages, pkg } = await publint({
    pack: {
      tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength),
    },
    level: "suggestion",
    strict: true,
  });
  return messages.map(
    (message) =>
      `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`,
  );
}

/** attw on the tarball, ESM-only profile: its exit code and what it printed. */
export async function attw(packed: Packed): Promise<{ exitCode: number; output: string }> {
  const cli = join(
    dirname(require.resolve("@arethetypeswrong/cli/package.json")),
    "dist",
    "index.js",
  );
  // Files exported as data (ai-emulator's ./wrangler.jsonc) are no module entry points.
  const json = tarballManifest(packed.tarball);
  const dataEntries = Object.entries(typeof json.exports === "object" ? json.exports : {})
    .filter(([, target]) => typeof target === "string" && !/\.(m?js|json)$/.test(target))
    .map(([subpath]) => subpath);
  const args = [cli, packed.tarball, "--profile", "esm-only", "--no-definitely-typed"];
  if (dataEntries.length > 0) args.push("--exclude-entrypoints", ...dataEntries);
  try {
    const { stdout } = await run(
      "node",
      [...args, "--format", "ascii", "--no-color", "--no-emoji"],
      {
        env: { ...process.env, FORCE_COLOR: "0" },
      },
    );
    return { exitCode: 0, output: stdout };
  } catch (error) {
    const {
      code = 1,
      stdout = "",
      stderr = "",
    } = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: typeof code === "number" ? code : 1, output: `${stdout}${stderr}` };
  }
}

/** The files in a tarball, without the leading `package/`. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await run("tar", ["-tzf", tarball], { encoding: "utf8" });
  return stdout
    .split("\n")
    .filter((line) => line && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""))
    .sort();
}

/** Files that may always be in a tarball, beside what `files` lists. */
const alwaysAllowed = /^(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.md)?)$/;

/** The project's package.json rules, on the manifest as published; one message per breach. */
export async function metadataProblems(packed: Packed, workspacePath: string): Promise<string[]> {
  const json: PackageJson = tarballManifest(packed.tarball);
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const root = readJson(join(repositoryRoot, "package.json"));
  const rootRepository = typeof root.repository === "object" ? root.repository.url : undefined;

  if (json.type !== "module")
    fail(`"type" is ${JSON.stringify(json.type)}, not "module" (ESM only)`);
  if (json.sideEffects !== false)
    fail(`"sideEffects" is ${JSON.stringify(json.sideEffects)}, not false`);
  if (!json.license) fail(`no "license"`);
  if (!json.description) fail(`no "description"`);
  if (!/^>=\s*22\.12/.test(json.engines?.node ?? "")) {
    fail(`"engines.node" is ${JSON.stringify(json.engines?.node)}, not ">=22.12"`);
  }
  const repository = json.repository;
  if (typeof repository !== "object") {
    fail(`"repository" must be { type, url, directory }, is ${JSON.stringify(repository)}`);
  } else {
    if (repository.url !== rootRepository) {
      fail(`"repository.url" is ${repository.url}, not the root package.json's ${rootRepository}`);
    }
    if (repository.directory !== workspacePath) {
      fail(`"repository.directory" is ${repository.directory}, not ${workspacePath}`);
    }
  }
  if (json.publishConfig?.access !== "public") fail(`"publishConfig.access" is not "public"`);
  for (const field of ["main", "module", "types", "typings", "browser"] as const) {
    if (field in json) fail(`"${field}" is set: ESM-only packages use "exports" alone`);
  }
  const exports = json.exports;
  if (typeof exports !== "object" || exports === null) {
    fail(`"exports" must be an object of subpaths`);
  } else {
    if (exports["./package.json"] !== "./package.json") fail(`"./package.json" is not exported`);
    for (const [subpath, target] of Object.entries(exports)) {
      if (typeof target === "string") {
        if (/\.(m?js|d\.ts)$/.test(target)) fail(`exports["${subpath}"] has no "types" condition`);
        continue;
      }
      const conditions = Object.keys(target as object);
      if (conditions[0] !== "types") fail(`exports["${subpath}"] does not list "types" first`);
      if (conditions.includes("require")) fail(`exports["${subpath}"] has "require": ESM only`);
      if (conditions.at(-1) !== "default")
        fail(`exports["${subpath}"] does not end with "default"`);
    }
  }
  const files = json.files ?? [];
  if (files.length === 0) fail(`no "files": everything in the folder would be published`);
  const listed = (file: string) =>
    files.some((entry) => file === entry || file.startsWith(`${entry.replace(/\/$/, "")}/`));
  for (const file of await tarballFiles(packed.tarball)) {
    if (!alwaysAllowed.test(file) && !listed(file))
      fail(`the tarball holds ${file}, outside "files"`);
    if (/(^|\/)(test|tests|__tests__|bench|scratch)\/|\.test(-d)?\.|\.tsbuildinfo$/.test(file)) {
      fail(`the tarball holds ${file}, which no user needs`);
    }
  }
  return problems;
}
