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

test("no export shadows a global type of the DOM or Workers types (Transformer, ...)", async () => {
  const { readFileSync } = await import("node:fs");
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const index = readFileSync(new URL("../src/index.ts", import.meta.url), "utf8");
  const names = [...index.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/\b([A-Za-z_]\w*)\s*(?=[,}])/g)]
    .map((match) => match[1] as string)
    .filter((name) => name !== "type");
  expect(names).toContain("StreamTransformer");
  const globals = [
    require.resolve("typescript/lib/lib.dom.d.ts"),
    require.resolve("@cloudflare/workers-types/index.d.ts"),
  ].map((file) => readFileSync(file, "utf8"));
  const shadowed = names.filter((name) =>
    globals.some((text) =>
      new RegExp(
        `^\\s*(?:declare\\s+)?(?:interface|type|class|var|function|const)\\s+${name}\\b`,
        "m",
      ).test(text),
    ),
  );
  expect(shadowed).toEqual([]);
});
