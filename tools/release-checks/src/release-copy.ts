// A throwaway copy of the workspace for release rehearsals: the manifests, the changesets
// configuration and each public package's built files, without the pending changesets,
// with the repository's node_modules linked in (for the changesets CLI and its
// changelog module), in a git repository of its own.
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { breakage } from "./break.ts";
import { publicPackages, repositoryRoot, workspacePackages } from "./workspace.ts";

const run = promisify(execFile);

export interface ReleaseCopy {
  dir: string;
  /** Runs the changesets CLI in the copy, with `env` added. */
  changeset(args: string[], env?: Record<string, string>): Promise<string>;
}

export async function releaseCopy(): Promise<ReleaseCopy> {
  const dir = mkdtempSync(join(tmpdir(), "wai-release-"));
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) {
    cpSync(join(repositoryRoot, file), join(dir, file));
  }
  for (const pkg of workspacePackages()) {
    const target = join(dir, pkg.path);
    mkdirSync(target, { recursive: true });
    const files = pkg.json.private
      ? ["package.json"]
      : ["package.json", "README.md", "CHANGELOG.md", ...(pkg.json.files ?? [])];
    for (const file of files) {
      if (existsSync(join(pkg.dir, file)))
        cpSync(join(pkg.dir, file), join(target, file), { recursive: true });
    }
  }
  if (breakage === "fixed-versions") {
    // Every public package in one fixed group: they would all be released together.
    const config = JSON.parse(readFileSync(join(dir, ".changeset/config.json"), "utf8"));
    config.fixed = [publicPackages().map((pkg) => pkg.json.name)];
    writeFileSync(join(dir, ".changeset/config.json"), JSON.stringify(config));
  }
  symlinkSync(join(repositoryRoot, "node_modules"), join(dir, "node_modules"));
  // What `pnpm install` would link: each `workspace:` dependency to its folder in the copy,
  // so that `pnpm publish` can turn `workspace:^` into the version it finds there.
  const all = workspacePackages();
  for (const pkg of all) {
    const { dependencies = {}, peerDependencies = {}, devDependencies = {} } = pkg.json;
    for (const [name, range] of Object.entries({
      ...devDependencies,
      ...peerDependencies,
      ...dependencies,
    })) {
      const target = all.find((other) => other.json.name === name);
      if (!range.startsWith("workspace:") || !target) continue;
      const link = join(dir, pkg.path, "node_modules", name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(dir, target.path), link);
    }
  }
  writeFileSync(join(dir, ".gitignore"), "node_modules\n.npmrc\n.npm-cache\n");
  const git = (...args: string[]) => run("git", args, { cwd: dir });
  await git("init", "-q", "-b", "main");
  await git("add", ".");
  await git(
    "-c",
    "user.name=release-checks",
    "-c",
    "user.email=release-checks@localhost",
    "commit",
    "-q",
    "-m",
    "copy",
  );
  const cli = join(repositoryRoot, "node_modules", "@changesets", "cli", "bin.js");
  return {
    dir,
    async changeset(args, env = {}) {
      try {
        const { stdout, stderr } = await run("node", [cli, ...args], {
          cwd: dir,
          env: { ...process.env, ...env },
          encoding: "utf8",
        });
        return `${stdout}${stderr}`;
      } catch (error) {
        const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
        throw new Error(`changeset ${args.join(" ")} failed:\n${stdout}${stderr}`);
      }
    },
  };
}
