/**
 * Long lists of string values (an `enum` of speakers, languages...): declared once per module,
 * `const speakerValues = [...] as const`, filled to the line width, and used by both printers
 * (`v.picklist(speakerValues)` and `(typeof speakerValues)[number]`), instead of one value a
 * line, twice.
 *
 * @module
 */

import { camelCase } from "./identifiers.ts";
import type { LiteralValue } from "./normalize.ts";
import { literal } from "./print-doc.ts";

/** The formatter's line width. */
const lineWidth = 100;

/** A list of strings whose union would not fit on a line beside its property. */
export function isLongList(values: LiteralValue[]): values is string[] {
  return (
    values.length >= 5 &&
    values.every((value) => typeof value === "string") &&
    values.map(literal).join(" | ").length > 60
  );
}

/** The value lists of one module. */
export class ValueLists {
  /** The declarations, in the order their lists were first met. */
  readonly declarations: string[] = [];
  readonly #names = new Map<string, string>();
  readonly #taken = new Set<string>();

  /** The name of the constant that holds `values`, declared on first use (`at`: the property). */
  name(values: string[], at: string | undefined): string {
    const key = JSON.stringify(values);
    const known = this.#names.get(key);
    if (known !== undefined) return known;
    const base = `${camelCase(at ?? "allowed")}Values`;
    let name = base;
    for (let suffix = 2; this.#taken.has(name); suffix++) name = `${base}${suffix}`;
    this.#taken.add(name);
    this.#names.set(key, name);
    this.declarations.push(
      `// biome-ignore format: a list of values, filled to the line width\nconst ${name} = [\n${fill(values)}\n] as const;`,
    );
    return name;
  }
}

/** The values as lines of literals, each line as full as the width allows. */
function fill(values: string[]): string {
  const lines: string[] = [];
  let line = "";
  for (const value of values.map(literal)) {
    const next = line === "" ? `  ${value},` : `${line} ${value},`;
    if (line !== "" && next.length > lineWidth) {
      lines.push(line);
      line = `  ${value},`;
    } else line = next;
  }
  lines.push(line);
  return lines.join("\n");
}
