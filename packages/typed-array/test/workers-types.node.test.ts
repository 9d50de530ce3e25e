import { expect, test } from "vitest";
import { compileAsWorker } from "../../../scripts/consumer-types.ts";

test("the published types compile in a Worker project (workers-types, no DOM, skipLibCheck off)", () => {
  const diagnostics = compileAsWorker({
    packageRoot: new URL("../", import.meta.url),
    packageName: "@wai/typed-array",
    source: `
      import { TypedArray, fluentBuilder, type StandardSchemaV1 } from "@wai/typed-array";
      const Message: StandardSchemaV1<{ role: string; content: string }> = {
        "~standard": { version: 1, vendor: "test", validate: (value) => ({ value: value as { role: string; content: string } }) },
      };
      export default {
        async fetch(): Promise<Response> {
          const messages = TypedArray.of(Message, { role: "user", content: "hi" });
          messages.pushBuilder((m) => m.role("assistant").content("hello"));
          const one = fluentBuilder(Message).role("user").content("x").build();
          return Response.json([...messages, one]);
        },
      } satisfies ExportedHandler;
    `,
  });
  expect(diagnostics).toEqual([]);
}, 60_000);
