import { expect, test } from "vitest";
import { compileAsWorker } from "../../../scripts/consumer-types.ts";

test("the published types compile in a Worker project (workers-types, no DOM, skipLibCheck off)", () => {
  const diagnostics = compileAsWorker({
    packageRoot: new URL("../", import.meta.url),
    packageName: "@wai/typed-stream",
    source: `
      import { TypedReadableStream, decodeJSONEvents, decodeSSE, encodeSSE, toSSEResponse } from "@wai/typed-stream";
      export default {
        async fetch(request: Request): Promise<Response> {
          const doubled = TypedReadableStream.from([1, 2]).map((n) => n * 2);
          for await (const n of doubled) console.log(n);
          for await (const event of decodeSSE(await fetch(request))) console.log(event.data);
          const bytes: ReadableStream<Uint8Array> = encodeSSE([1]);
          return toSSEResponse(decodeJSONEvents(new Response(bytes), { requireDone: true }));
        },
      } satisfies ExportedHandler;
    `,
  });
  expect(diagnostics).toEqual([]);
}, 60_000);
