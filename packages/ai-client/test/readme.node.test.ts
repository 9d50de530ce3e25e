import { testReadmeExamples } from "../../../scripts/readme-examples.ts";

testReadmeExamples({
  packageName: "@wai/ai-client",
  packageRoot: new URL("../", import.meta.url),
  atLeast: 7,
});
