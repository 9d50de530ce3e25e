// TypedArray against plain valibot, side by side in one process, on the built package.
// Run: pnpm --filter @wai/typed-array bench. Printed ratios are time ratios (ours / baseline).
import * as v from "valibot";
import { test } from "vitest";
import { TypedArray } from "../dist/index.js";

const Message = v.object({
  role: v.picklist(["system", "user", "assistant", "tool"]),
  content: v.string(),
  name: v.optional(v.string()),
});
type Message = v.InferOutput<typeof Message>;
const roles = ["system", "user", "assistant", "tool"] as const;
const items: Message[] = Array.from({ length: 10_000 }, (_, i) => ({
  role: roles[i % 4] as Message["role"],
  content: `message number ${i}: ${"lorem ipsum ".repeat(i % 7)}`,
  ...(i % 3 === 0 ? { name: `user-${i % 13}` } : {}),
}));
const ArrayOfMessages = v.array(Message);

let sink = 0;

function timeRatios(
  title: string,
  results: { get(name: string): { latency: { mean: number } } },
  pairs: [string, string][],
) {
  console.log(`\n${title}`);
  console.table(
    pairs.map(([subject, baseline]) => ({
      subject,
      baseline,
      "time ratio": `${(results.get(subject).latency.mean / results.get(baseline).latency.mean).toFixed(2)}x`,
    })),
  );
}

test("10,000 chat messages: array builder vs v.parse(v.array(schema))", {
  timeout: 300_000,
}, async ({ bench }) => {
  const results = await bench.compare(
    bench("v.parse(v.array(schema), plainArray)", () => {
      sink += v.parse(ArrayOfMessages, items).length;
    }),
    bench("TypedArray.builder(schema): 10,000 push(item), then build()", () => {
      const builder = TypedArray.builder(Message);
      for (const item of items) builder.push(item);
      sink += builder.build().length;
    }),
    bench("TypedArray.from(schema, plainArray)", () => {
      sink += TypedArray.from(Message, items).length;
    }),
    { time: 4000, warmupTime: 1000 },
  );
  timeRatios("array builder", results, [
    [
      "TypedArray.builder(schema): 10,000 push(item), then build()",
      "v.parse(v.array(schema), plainArray)",
    ],
    ["TypedArray.from(schema, plainArray)", "v.parse(v.array(schema), plainArray)"],
  ]);
});

test("10,000 single push calls vs v.parse + Array.prototype.push", { timeout: 300_000 }, async ({
  bench,
}) => {
  const results = await bench.compare(
    bench("v.parse(schema, item) + Array.prototype.push, each", () => {
      const array: Message[] = [];
      for (const item of items) array.push(v.parse(Message, item));
      sink += array.length;
    }),
    bench("typedArray.push(item), each", () => {
      const array = new TypedArray(Message);
      for (const item of items) array.push(item);
      sink += array.length;
    }),
    { time: 4000, warmupTime: 1000 },
  );
  timeRatios("single push", results, [
    ["typedArray.push(item), each", "v.parse(schema, item) + Array.prototype.push, each"],
  ]);
});

// What validating `a[i] = x` would cost: every TypedArray behind a Proxy with a set trap.
test("the price of a Proxy (to validate a[i] = x)", { timeout: 300_000 }, async ({ bench }) => {
  const plain = TypedArray.from(Message, items);
  const proxied = new Proxy(TypedArray.from(Message, items), {
    set(target, key, value, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) {
        target.set(Number(key), value);
        return true;
      }
      return Reflect.set(target, key, value, receiver);
    },
  });
  const results = await bench.compare(
    bench("read every item: TypedArray", () => {
      for (let i = 0; i < plain.length; i++) sink += (plain[i] as Message).content.length;
    }),
    bench("read every item: TypedArray behind a Proxy", () => {
      for (let i = 0; i < proxied.length; i++) sink += (proxied[i] as Message).content.length;
    }),
    bench("for...of: TypedArray", () => {
      for (const item of plain) sink += item.content.length;
    }),
    bench("for...of: TypedArray behind a Proxy", () => {
      for (const item of proxied) sink += item.content.length;
    }),
    { time: 1000, warmupTime: 200 },
  );
  timeRatios("Proxy", results, [
    ["read every item: TypedArray behind a Proxy", "read every item: TypedArray"],
    ["for...of: TypedArray behind a Proxy", "for...of: TypedArray"],
  ]);
  if (sink === 0) throw new Error("nothing was measured");
});
