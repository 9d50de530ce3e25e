// Writes the table of every model into README.md, between the models-table markers, from
// the built registry (run after the build). `--check` exits 1 when the README's table is
// not what the catalog gives, and is run by test/models-table.node.test.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { registry } from "../dist/registry.js";

const start = "<!-- models-table:start -->";
const end = "<!-- models-table:end -->";
const readmeUrl = new URL("../README.md", import.meta.url);

/** The Markdown table of the catalog, one row per model, sorted by task then id. */
export function modelsTable() {
  const models = [...registry.values()].sort(
    (a, b) => a.task.localeCompare(b.task) || a.id.localeCompare(b.id),
  );
  const yes = (flag) => (flag ? "yes" : "");
  const rows = models.map(
    (model) =>
      `| \`${model.id}\` | ${model.task} | ${yes(model.capabilities.streaming)} | ${yes(model.capabilities.tools)} | ${
        model.partial ? `partial: ${model.partial.replaceAll("|", "\\|")}` : "complete"
      } |`,
  );
  return [
    `${models.length} models.`,
    "",
    "| model | task | streaming | tools | schemas |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The README with its table section replaced by the current table. */
export function readmeWithTable(readme) {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`);
  return `${readme.slice(0, from + start.length)}\n${modelsTable()}\n${readme.slice(to)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync(readmeUrl, "utf8");
  const updated = readmeWithTable(readme);
  if (process.argv.includes("--check")) {
    if (updated !== readme) {
      console.error("README.md's model table is out of date: run node scripts/models-table.mjs");
      process.exit(1);
    }
    console.log("README.md's model table is up to date.");
  } else {
    writeFileSync(readmeUrl, updated);
    console.log(`README.md: ${registry.size} models.`);
  }
}
