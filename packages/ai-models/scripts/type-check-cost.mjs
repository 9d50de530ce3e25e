// Type-check cost of the catalog for a client, against @cloudflare/workers-types' `Ai`.
//
// The figure to reach (issue 4): a consumer file calling 10 different models by id, checked
// with `tsc --extendedDiagnostics`, costs no more than 1.5x the check time and the
// instantiations of the same calls typed with @cloudflare/workers-types' `Ai`, measured in the
// same run. The two consumers are in bench/type-check/ (see its README.md):
//
// - wai/: the calls typed by `AiModelCatalog`, against the package's declarations, emitted
//   fresh from src/ into bench/type-check/.declarations/ (removed afterwards unless --keep);
// - workers-types/: the same calls (the script checks the text is the same) on `env.AI.run`.
//
// Both tsconfigs are the same (strict, skipLibCheck, @cloudflare/workers-types as global
// types): only what the consumer file makes the checker do differs. One warm-up run each,
// then --rounds N (default 5) rounds, the two projects alternately; medians are reported,
// with the ratio wai / workers-types. The figures are reported, not asserted: the script
// fails only when tsc reports an error.
//
// Usage: node scripts/type-check-cost.mjs [--rounds N] [--keep] [--json]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = join(packageDir, "bench", "type-check");
const declarationsDir = join(benchDir, ".declarations");
const require = createRequire(import.meta.url);
const tscPath = require.resolve("typescript/lib/tsc.js");
const tsVersion = require("typescript/package.json").version;

const args = process.argv.slice(2);
const roundsArg = args.indexOf("--rounds");
const rounds = roundsArg === -1 ? 5 : Number(args[roundsArg + 1]);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error("type-check-cost: --rounds needs a positive integer");
  process.exit(1);
}
const keep = args.includes("--keep");
const asJson = args.includes("--json");

/** The projects, in the order of a round. */
const projects = [
  { name: "wai", dir: join(benchDir, "wai") },
  { name: "workers-types", dir: join(benchDir, "workers-types") },
];
/** Metrics read from `--extendedDiagnostics`, with their unit. */
const metrics = [
  { key: "Check time", unit: "s", target: 1.5 },
  { key: "Instantiations", unit: "", target: 1.5 },
  { key: "Types", unit: "" },
  { key: "Memory used", unit: "K" },
  { key: "Total time", unit: "s" },
];

class BenchError extends Error {
  constructor(message, details) {
    super(message);
    this.details = details;
  }
}

function fail(message, details) {
  throw new BenchError(message, details);
}

function log(message) {
  if (!asJson) console.log(message);
}

/** Fails unless the calls (below the marker line) are the same text in both consumers. */
function checkSameCalls() {
  const marker = "// ---- calls";
  const bodies = projects.map((project) => {
    const text = readFileSync(join(project.dir, "src", "calls.ts"), "utf8");
    const at = text.indexOf(marker);
    if (at === -1) fail(`no "${marker}" line in ${project.name}/src/calls.ts`);
    return text.slice(at);
  });
  if (bodies.some((body) => body !== bodies[0])) {
    fail("the calls differ between wai/src/calls.ts and workers-types/src/calls.ts");
  }
}

function runTsc(tscArgs) {
  const result = spawnSync(process.execPath, [tscPath, ...tscArgs], {
    cwd: packageDir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) fail(`could not run tsc: ${result.error.message}`);
  return result;
}

/** Emits the package's declarations from src/, as a client of the package sees them. */
function emitDeclarations() {
  rmSync(declarationsDir, { recursive: true, force: true });
  const started = performance.now();
  const result = runTsc([
    "-p",
    join(benchDir, "tsconfig.declarations.json"),
    "--outDir",
    declarationsDir,
  ]);
  if (result.status !== 0 || !existsSync(join(declarationsDir, "index.d.ts"))) {
    fail("declaration emit of src/ failed", `${result.stdout}${result.stderr}`);
  }
  log(`declarations emitted from src/ in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

/** One `tsc -p <project> --extendedDiagnostics`: its metrics, or a failure on any error. */
function check(project) {
  const result = runTsc(["-p", project.dir, "--extendedDiagnostics"]);
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    fail(`tsc reported errors in ${relative(packageDir, project.dir)}`, output);
  }
  const values = {};
  for (const { key } of metrics) {
    const match = new RegExp(`^${key}:\\s+([\\d.]+)`, "m").exec(output);
    if (!match) fail(`no "${key}" in the output of tsc for ${project.name}`, output);
    values[key] = Number(match[1]);
  }
  return values;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function format(value, unit) {
  if (unit === "s") return `${value.toFixed(2)}s`;
  if (unit === "K") return `${(value / 1024).toFixed(0)}M`;
  return value.toLocaleString("en-US");
}

const started = performance.now();
try {
  checkSameCalls();
  emitDeclarations();
  log(`typescript ${tsVersion}, node ${process.versions.node}: 1 warm-up + ${rounds} rounds`);
  for (const project of projects) check(project);
  const samples = Object.fromEntries(projects.map((project) => [project.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const project of projects) samples[project.name].push(check(project));
  }

  const rows = metrics.map(({ key, unit, target }) => {
    const [wai, baseline] = projects.map((project) =>
      median(samples[project.name].map((values) => values[key])),
    );
    return { metric: key, unit, wai, workersTypes: baseline, ratio: wai / baseline, target };
  });
  if (asJson) {
    console.log(JSON.stringify({ typescript: tsVersion, rounds, rows, samples }, null, 2));
  } else {
    const table = rows.map((row) => ({
      metric: row.metric,
      "wai (median)": format(row.wai, row.unit),
      "workers-types (median)": format(row.workersTypes, row.unit),
      "ratio wai / workers-types": `${row.ratio.toFixed(2)}x`,
      "target (issue)": row.target === undefined ? "" : `<= ${row.target}x`,
    }));
    console.table(table);
    const checkTimes = projects.map(
      (project) =>
        `${project.name}: ${samples[project.name].map((values) => values["Check time"].toFixed(2)).join(" ")}`,
    );
    log(`check time per round (s): ${checkTimes.join("; ")}`);
    log(`whole run: ${((performance.now() - started) / 1000).toFixed(1)}s`);
  }
} catch (error) {
  if (!(error instanceof BenchError)) throw error;
  console.error(`type-check-cost: ${error.message}`);
  if (error.details) console.error(error.details);
  process.exitCode = 1;
} finally {
  if (!keep) rmSync(declarationsDir, { recursive: true, force: true });
}
