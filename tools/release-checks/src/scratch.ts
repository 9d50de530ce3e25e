// Scratch projects outside the workspace: a folder in the system's temp dir, with no
// workspace above it, where packages are installed with npm from the loopback registry
// (a fresh npm cache, no audit, no update check: nothing but 127.0.0.1 is asked).
import { execFile } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

// Asynchronous on purpose: the registry answers from this same process.
const run = promisify(execFile);

export interface ScratchProject {
  dir: string;
  /** Runs `npm install <specs>` against the registry; throws with npm's output on failure. */
  install(specs: string[]): Promise<void>;
  /** The packages in node_modules (from npm's package-lock.json), with their sizes. */
  installed(): InstalledPackage[];
  /** Writes a file (folders made as needed) and returns its absolute path. */
  write(file: string, text: string): string;
}

export interface InstalledPackage {
  name: string;
  version: string;
  /** Its folder relative to the project, e.g. `node_modules/valibot`. */
  path: string;
  /** Bytes of its files on disk (nested node_modules excluded). */
  bytes: number;
}

/** Bytes of the files under `dir`, leaving out nested `node_modules`. */
export function folderBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") bytes += folderBytes(path);
    } else if (entry.isFile()) {
      bytes += statSync(path).size;
    }
  }
  return bytes;
}

/** A new scratch project in the temp dir, its npm pointed at `registry` only. */
export function scratchProject(registry: string, label: string): ScratchProject {
  const root = mkdtempSync(join(tmpdir(), `wai-${label}-`));
  const dir = join(root, "project");
  mkdirSync(dir);
  const npmrc = join(root, "npmrc");
  const emptyConfig = join(root, "global-npmrc");
  writeFileSync(emptyConfig, "");
  writeFileSync(
    npmrc,
    [
      `registry=${registry}`,
      `cache=${join(root, "npm-cache")}`,
      "audit=false",
      "fund=false",
      "update-notifier=false",
      "package-lock=true",
      "loglevel=error",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `scratch-${label}`, private: true, type: "module" }, null, 2)}\n`,
  );
  const env = {
    ...process.env,
    // Only this project's .npmrc: no user or global config, no proxy, no other registry.
    npm_config_userconfig: npmrc,
    npm_config_globalconfig: emptyConfig,
    npm_config_registry: registry,
  };
  return {
    dir,
    async install(specs) {
      try {
        await run("npm", ["install", ...specs], { cwd: dir, env, encoding: "utf8" });
      } catch (error) {
        const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
        throw new Error(`npm install ${specs.join(" ")} failed in ${dir}:\n${stdout}${stderr}`);
      }
    },
    installed() {
      const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8")) as {
        packages: Record<string, { version?: string; name?: string }>;
      };
      return Object.entries(lock.packages)
        .filter(([path]) => path.startsWith("node_modules/"))
        .map(([path, entry]) => ({
          name: entry.name ?? path.slice(path.lastIndexOf("node_modules/") + 13),
          version: entry.version ?? "",
          path,
          bytes: folderBytes(join(dir, path)),
        }))
        .sort((a, b) => a.path.localeCompare(b.path));
    },
    write(file, text) {
      const path = join(dir, file);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
  };
}
