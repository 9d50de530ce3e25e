/**
 * Doc comments and literals, as both printers write them.
 *
 * @module
 */
import type { Json } from "./json-schema.ts";

/** A one-line doc comment followed by a line break, or nothing for no text. */
export function docComment(text: string | undefined): string {
  if (text === undefined || text.trim() === "") return "";
  return `/** ${text.replace(/\*\//g, "* /").replace(/\s+/g, " ").trim()} */\n`;
}

/** A property key: bare when it is an identifier, else quoted. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A JSON value as a TypeScript expression. */
export function literal(value: Json): string {
  return JSON.stringify(value);
}
