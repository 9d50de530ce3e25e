// The test setup every package shares: the same test files run twice, once in Node and
// once inside workerd through Cloudflare's Vitest integration, and `*.test-d.ts` type
// tests are checked by `vitest --typecheck` in the Node project.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import type { TestProjectInlineConfiguration } from "vitest/config";

/** The newest date the workerd in @cloudflare/vitest-plugin 1.5.0 accepts. */
export const compatibilityDate = "2026-11-09";

export interface ProjectsOptions {
  /** Globs of the test files; defaults to `src/**\/*.test.ts` and `test/**\/*.test.ts`. */
  include?: string[];
  /** More Miniflare options for the workerd project: auxiliary workers, bindings. */
  miniflare?: Record<string, unknown>;
}

/**
 * A test's time limit. Property tests run hundreds of cases; on a busy 2-core machine
 * (CI, several packages testing at once) Vitest's 5 s default fails them for no fault.
 */
const testTimeout = 30_000;

/** Test files that only make sense in Node (they use the file system): `*.node.test.ts`. */
const nodeOnly = "**/*.node.test.ts";
/** Test files that only make sense in workerd (Workers RPC, bindings): `*.workerd.test.ts`. */
const workerdOnly = "**/*.workerd.test.ts";

export function nodeAndWorkerdProjects(
  options: ProjectsOptions = {},
): TestProjectInlineConfiguration[] {
  const include = options.include ?? ["src/**/*.test.ts", "test/**/*.test.ts"];
  return [
    {
      extends: true,
      test: {
        name: "node",
        testTimeout,
        include: [...include, `src/${nodeOnly}`, `test/${nodeOnly}`],
        exclude: [workerdOnly, "**/node_modules/**"],
        environment: "node",
        execArgv: ["--expose-gc"],
        typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
      },
    },
    {
      extends: true,
      plugins: [
        cloudflareTest({
          miniflare: {
            compatibilityDate,
            compatibilityFlags: ["nodejs_compat"],
            ...options.miniflare,
          },
        }),
      ],
      test: {
        name: "workerd",
        testTimeout,
        include: [...include, `src/${workerdOnly}`, `test/${workerdOnly}`],
        exclude: [nodeOnly, "**/node_modules/**"],
      },
    },
  ];
}
