// Installing the full client: @wai/ai-client (and what it pulls in) with the emulator,
// from their packed tarballs, with npm, outside the workspace; the client drives the
// emulator in Node and in a Worker bundled by wrangler and run in workerd, and both
// runtimes give the same answers (the emulator is deterministic).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
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
import { repositoryRoot } from "../src/workspace.ts";

const fixtures = inject("fixtures");
const client = ["@wai/ai-client", "@wai/ai-emulator"];

// The root README's "In 30 seconds": its install line and its example.
const readme = readFileSync(join(repositoryRoot, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## In 30 seconds"));
const installLine = /```sh\n(npm install [^#\n]*)/.exec(section)?.[1]?.trim() ?? "";
const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";

const scenario = `
import { AiClientError, createAi } from "@wai/ai-client";
import { createEmulator } from "@wai/ai-emulator";

export async function scenario() {
  const ai = createAi(createEmulator());
  const { response } = await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "A haiku about tea" });
  const sse = await ai
    .stream("@cf/meta/llama-4-scout-17b-16e-instruct", { messages: [{ role: "user", content: "tea?" }] })
    .toSSEResponse()
    .text();
  let refused = "";
  try {
    await ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: 42 });
  } catch (error) {
    refused = error instanceof AiClientError ? error.kind : String(error);
  }
  return { response, sse, refused };
}
`;

describe("the full client, installed alone with the emulator", () => {
  let registry: Registry;
  let project: ScratchProject;

  beforeAll(async () => {
    registry = await startFixtureRegistry(fixtures);
    project = scratchProject(registry.url, "client");
    await project.install(client);
    project.write("scenario.js", scenario);
  });
  afterAll(() => registry?.close());

  test("brings what the packages declare (valibot as the peer), nothing else", () => {
    const installed = names(project.installed());
    expect(installed).toEqual(expectedClosure(client, fixtures));
    expect(installed).toContain("valibot");
  });

  let nodeAnswer: { response: string; sse: string; refused: string };
  test("the client drives the emulator in Node", async () => {
    project.write(
      "node.js",
      `import { scenario } from "./scenario.js";\nconsole.log(JSON.stringify(await scenario()));\n`,
    );
    nodeAnswer = (await runNode(project, "node.js")) as typeof nodeAnswer;
    expect(nodeAnswer.response.length).toBeGreaterThan(0);
    expect(nodeAnswer.sse).toMatch(/^data: /);
    expect(nodeAnswer.refused).not.toBe("");
  });

  test("and in a Worker bundled by wrangler, in workerd, with the same answers", async () => {
    project.write(
      "worker.js",
      `import { scenario } from "./scenario.js";\nexport default { async fetch() { return Response.json(await scenario()); } };\n`,
    );
    expect(await runWorker(project, "worker.js")).toEqual(nodeAnswer);
  });

  test("the root README's 30-second example installs and runs as it stands", async () => {
    expect(installLine.split(/\s+/).slice(2).sort()).toEqual([...client].sort());
    project.write("readme-example.mjs", example);
    const { stdout } = await promisify(execFile)("node", ["readme-example.mjs"], {
      cwd: project.dir,
      encoding: "utf8",
    });
    const [response, firstEvent] = stdout.split("\n");
    expect(response?.length).toBeGreaterThan(0);
    expect(firstEvent).toMatch(/^data: \{/);
  });
});
