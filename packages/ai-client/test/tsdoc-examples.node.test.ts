import { expect, test } from "vitest";
import { checkTsdocExamples, tsdocExamples } from "../../../scripts/tsdoc-examples.ts";

const packageRoot = new URL("../", import.meta.url);

test("every TSDoc example compiles", () => {
  expect(tsdocExamples(packageRoot).length).toBeGreaterThan(0);
  expect(
    checkTsdocExamples({ packageRoot, entries: { "@wai/ai-client": "src/index.ts" } }),
  ).toEqual([]);
}, 120_000);
