import { defineConfig } from "vitest/config";
import { nodeAndWorkerdProjects } from "../../vitest.shared.ts";

export default defineConfig({
  test: { projects: nodeAndWorkerdProjects() },
});
