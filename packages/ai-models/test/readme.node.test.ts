import { testReadmeExamples } from "../../../scripts/readme-examples.ts";

testReadmeExamples({
  packageName: "@wai/ai-models",
  packageRoot: new URL("../", import.meta.url),
  atLeast: 4,
});
