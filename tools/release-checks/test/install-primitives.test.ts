// Installing only the primitives: @wai/typed-array and @wai/typed-stream, from their
// packed tarballs, with npm, into a project outside the workspace; used in Node and in a
// Worker bundled by wrangler and run in workerd. The install holds nothing else than
// they need: no AI package, no schema library.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  expectedClosure,
  names,
  runNode,
  runWorker,
  startFixtureRegistry,
} from "../src/install.ts";
import type { Registry } from "../src/registry.ts";
import { type ScratchProject, scratchProject } from "../src/scratch.ts";

const fixtures = inject("fixtures");
const primitives = ["@wai/typed-array", "@wai/typed-stream"];

// One program for Node and workerd: a hand-written Standard Schema (no schema library is
// installed), a TypedArray that refuses a wrong item, and an SSE round trip.
const scenario = `
import { TypedArray } from "@wai/typed-array";
import { TypedReadableStream, decodeJSONEvents, encodeSSE } from "@wai/typed-stream";

const Count = {
  "~standard": {
    version: 1,
    vendor: "hand-written",
    validate: (value) =>
      Number.isInteger(value) ? { value } : { issues: [{ message: "not an integer" }] },
  },
};

export async function scenario() {
  const counts = TypedArray.of(Count, 1, 2);
  counts.push(3);
  let refused = false;
  try {
    counts.push("four");
  } catch {
    refused = true;
  }
  const bytes = encodeSSE(TypedReadableStream.from(counts).map((count) => count * 10));
  const decoded = await decodeJSONEvents(bytes, { schema: Count }).toArray();
  return { isArray: Array.isArray(counts), counts: [...counts], refused, decoded };
}
`;
const expected = { isArray: true, counts: [1, 2, 3], refused: true, decoded: [10, 20, 30] };

describe("the primitives, installed alone", () => {
  let registry: Registry;
  let project: ScratchProject;

  beforeAll(async () => {
    registry = await startFixtureRegistry(fixtures);
    project = scratchProject(registry.url, "primitives");
    await project.install(primitives);
    project.write("scenario.js", scenario);
  });
  afterAll(() => registry?.close());

  test("bring exactly what they declare: no AI package, no schema library", () => {
    const installed = names(project.installed());
    expect(installed).toEqual(expectedClosure(primitives, fixtures));
    expect(installed.filter((name) => /^@wai\/ai-|valibot|zod|arktype/.test(name))).toEqual([]);
    expect(installed.filter((name) => name.startsWith("@wai/"))).toEqual(primitives);
  });

  test("were fetched from the loopback registry only", () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(registry.requests.filter((request) => request.status !== 200)).toEqual([]);
  });

  test("run in Node", async () => {
    project.write(
      "node.js",
      `import { scenario } from "./scenario.js";\nconsole.log(JSON.stringify(await scenario()));\n`,
    );
    expect(await runNode(project, "node.js")).toEqual(expected);
  });

  test("run in a Worker bundled by wrangler, in workerd", async () => {
    project.write(
      "worker.js",
      `import { scenario } from "./scenario.js";\nexport default { async fetch() { return Response.json(await scenario()); } };\n`,
    );
    expect(await runWorker(project, "worker.js")).toEqual(expected);
  });
});
