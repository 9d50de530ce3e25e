/**
 * How the package words issues: one formatter for every error message that lists a
 * schema's issues (`message at a.b.0`). Internal.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";

/** A thrown value's message, or the value itself, as text; never throws. */
export function messageOf(value: unknown): string {
  try {
    return value instanceof Error ? value.message : String(value);
  } catch {
    return typeof value;
  }
}

/** The keys of an issue's path, dotted (`messages.0.content`); `""` at the root. */
export function issuePath(issue: unknown): string {
  const { path } = (issue ?? {}) as Partial<StandardSchemaV1.Issue>;
  if (!Array.isArray(path)) return "";
  return path
    .map((segment: unknown) =>
      messageOf(
        typeof segment === "object" && segment !== null
          ? (segment as StandardSchemaV1.PathSegment).key
          : segment,
      ),
    )
    .join(".");
}

/** An issue's message and where it is (`… at a.b.0`); never throws, whatever the issue. */
export function describeIssue(issue: unknown): string {
  const { message } = (issue ?? {}) as Partial<StandardSchemaV1.Issue>;
  const where = issuePath(issue);
  return `${messageOf(message)}${where ? ` at ${where}` : ""}`;
}

/** Every issue described, joined by `; `. */
export function describeIssues(issues: readonly unknown[]): string {
  return issues.map(describeIssue).join("; ");
}
