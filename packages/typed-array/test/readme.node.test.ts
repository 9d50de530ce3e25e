import { testReadmeExamples } from "../../../scripts/readme-examples.ts";

testReadmeExamples({
  packageName: "@wai/typed-array",
  packageRoot: new URL("../", import.meta.url),
  atLeast: 5,
});
