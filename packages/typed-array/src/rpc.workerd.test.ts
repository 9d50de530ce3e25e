import { env } from "cloudflare:workers";
import * as v from "valibot";
import { expect, test } from "vitest";
import { TypedArray } from "./typed-array.js";

interface Echo {
  describe(
    value: unknown,
  ): Promise<{ isArray: boolean; prototypeIsArray: boolean; json: string; value: unknown }>;
}

test("a TypedArray passed to a service binding's RPC method arrives as a plain array", async () => {
  const Message = v.object({ role: v.string(), content: v.string() });
  const messages = TypedArray.of(Message, { role: "user", content: "hello" });
  messages.pushBuilder((m) => m.role("assistant").content("hi"));
  const seen = await (env.ECHO as Echo).describe(messages);
  expect(seen.isArray).toBe(true);
  expect(seen.prototypeIsArray).toBe(true);
  expect(seen.json).toBe(JSON.stringify(messages));
  expect(seen.value).toEqual([
    { role: "user", content: "hello" },
    { role: "assistant", content: "hi" },
  ]);
});
