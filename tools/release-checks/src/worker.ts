// Workers from scratch projects: bundled by wrangler exactly as `wrangler deploy` would
// (`--dry-run --outdir`, nothing uploaded), then run inside workerd by Miniflare (the one
// wrangler itself uses), all on 127.0.0.1.
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const wranglerDir = dirname(require.resolve("wrangler/package.json"));

/** The newest compatibility date the workerd of the pinned wrangler accepts (and CI uses). */
export const compatibilityDate = "2026-11-09";

/** Environment for wrangler that keeps it off the network and quiet. */
const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_LOG: "error",
  CLOUDFLARE_API_TOKEN: "",
  CLOUDFLARE_ACCOUNT_ID: "",
  CI: "true",
};

/**
 * Bundles `project/<main>` with `wrangler deploy --dry-run --outdir`; returns the bundle's
 * folder and the module file in it. The wrangler.jsonc is written here.
 */
export function bundleWorker(project: string, main: string): { outdir: string; module: string } {
  const config = {
    name: "scratch-worker",
    main,
    compatibility_date: compatibilityDate,
    compatibility_flags: ["nodejs_compat"],
  };
  const outdir = join(project, "dist-worker");
  execFileSync(
    "node",
    [
      join(wranglerDir, "bin", "wrangler.js"),
      "deploy",
      "--dry-run",
      "--outdir",
      outdir,
      "--config",
      writeConfig(project, config),
    ],
    {
      cwd: project,
      env: wranglerEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const module = readdirSync(outdir).find((file) => /\.m?js$/.test(file));
  if (!module) throw new Error(`wrangler wrote no module into ${outdir}`);
  return { outdir, module: join(outdir, module) };
}

function writeConfig(project: string, config: object): string {
  const file = join(project, "wrangler.jsonc");
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** Runs the bundled module in workerd and returns the text of its answer to a GET of `path`. */
export async function fetchFromWorker(
  module: string,
  path = "/",
): Promise<{ status: number; text: string }> {
  // Miniflare comes with wrangler (not a dependency of its own here): typed by hand.
  // Miniflare 5 takes a new options shape; convertV4MiniflareOptions reads the classic one.
  const { Miniflare, convertV4MiniflareOptions } = (await import(
    require.resolve("miniflare", { paths: [wranglerDir] })
  )) as {
    convertV4MiniflareOptions(options: object): object;
    Miniflare: new (
      options: object,
    ) => {
      dispatchFetch(url: string): Promise<{ status: number; text(): Promise<string> }>;
      dispose(): Promise<void>;
    };
  };
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      scriptPath: module,
      // Module names are relative to this folder (the default, the cwd, is elsewhere).
      modulesRoot: dirname(module),
      compatibilityDate,
      compatibilityFlags: ["nodejs_compat"],
    }),
  );
  try {
    const response = await miniflare.dispatchFetch(`http://127.0.0.1${path}`);
    return { status: response.status, text: await response.text() };
  } finally {
    await miniflare.dispose();
  }
}
