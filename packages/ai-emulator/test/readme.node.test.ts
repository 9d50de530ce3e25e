import { testReadmeExamples } from "../../../scripts/readme-examples.ts";

testReadmeExamples({
  packageName: "@wai/ai-emulator",
  packageRoot: new URL("../", import.meta.url),
  atLeast: 5,
  subpaths: { node: "src/node.ts", worker: "src/worker.ts" },
});
