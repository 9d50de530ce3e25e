import { testReadmeExamples } from "../../../scripts/readme-examples.ts";

testReadmeExamples({
  packageName: "@wai/typed-stream",
  packageRoot: new URL("../", import.meta.url),
  atLeast: 5,
  subpaths: { test: "src/testing.ts" },
});
