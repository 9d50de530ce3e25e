// Packs every public package (and the third-party packages they need) once for all the
// test files, and removes the tarballs at the end.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { type Fixtures, makeFixtures } from "../src/fixtures.ts";

declare module "vitest" {
  export interface ProvidedContext {
    fixtures: Fixtures;
  }
}

export default function setup(project: TestProject): () => void {
  const fixtures = makeFixtures();
  project.provide("fixtures", fixtures);
  return () => rmSync(fixtures.folder, { recursive: true, force: true });
}
