import type { StandardSchemaV1 } from "@standard-schema/spec";
import { TypedArrayError } from "@wai/typed-array";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type ChatMessage, ChatMessageSchema } from "./chat-message.js";
import { safeParseChatMessage } from "./role-messages.js";

type Key = PropertyKey | StandardSchemaV1.PathSegment;
const keys = (issue: StandardSchemaV1.Issue) =>
  (issue.path ?? []).map((segment: Key) =>
    typeof segment === "object" ? (segment as StandardSchemaV1.PathSegment).key : segment,
  );
const startsWith = (path: readonly PropertyKey[], prefix: readonly PropertyKey[]) =>
  prefix.every((key, index) => path[index] === key);

// Values that fit nowhere, or somewhere else: what a field is most often wrong with.
const junk = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }),
  fc.record({ text: fc.string({ maxLength: 2 }) }),
);
/** Mostly a value of `valid`, sometimes junk. */
const maybe = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: junk, weight: 1 });
const text = fc.string({ maxLength: 6 });
// Plain objects, as JSON gives them (a null-prototype object given nested is kept as it is,
// where the schema copies it to a plain one).
const optional = { requiredKeys: [] as never[], noNullPrototype: true };

const part = fc.oneof(
  fc.record(
    { type: fc.constant("text"), text: maybe(text) },
    { requiredKeys: ["type"], noNullPrototype: true },
  ),
  fc.record(
    {
      type: fc.constant("image_url"),
      image_url: maybe(
        fc.record(
          { url: maybe(text), detail: maybe(fc.constantFrom("auto", "low", "high")) },
          optional,
        ),
      ),
    },
    { requiredKeys: ["type"], noNullPrototype: true },
  ),
  fc.record({ type: maybe(fc.constantFrom("text", "image_url", "video")) }, optional),
  junk,
);
const toolCall = maybe(
  fc.record(
    {
      id: maybe(text),
      type: maybe(fc.constant("function")),
      function: maybe(fc.record({ name: maybe(text), arguments: maybe(text) }, optional)),
    },
    optional,
  ),
);
const common = { name: maybe(text), future_field: fc.integer() };

/** Chat messages, valid and nearly valid, of every role, and what is no message at all. */
const message: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    { role: fc.constant("system"), content: maybe(text), ...common },
    { requiredKeys: ["role"], noNullPrototype: true },
  ),
  fc.record(
    {
      role: fc.constant("user"),
      content: fc.oneof(maybe(text), fc.array(part, { maxLength: 3 })),
      ...common,
    },
    { requiredKeys: ["role"], noNullPrototype: true },
  ),
  fc.record(
    {
      role: fc.constant("assistant"),
      content: maybe(fc.option(text, { nil: null })),
      tool_calls: fc.oneof(fc.array(toolCall, { maxLength: 3 }), junk),
      reasoning_content: maybe(text),
      ...common,
    },
    { requiredKeys: ["role"], noNullPrototype: true },
  ),
  fc.record(
    { role: fc.constant("tool"), content: maybe(text), tool_call_id: maybe(text), ...common },
    { requiredKeys: ["role"], noNullPrototype: true },
  ),
  fc.record({ role: junk, content: text }, optional),
  junk,
);

describe("safeParseChatMessage", () => {
  test("agrees with ChatMessageSchema: the same messages pass, giving the same message, and the issues are at the same places", () => {
    fc.assert(
      fc.property(message, (value) => {
        const ours = safeParseChatMessage(value);
        const schema = ChatMessageSchema["~standard"].validate(
          value,
        ) as StandardSchemaV1.Result<ChatMessage>;
        if (!schema.issues) {
          expect(ours).toStrictEqual({ success: true, value: schema.value });
          return;
        }
        expect(ours.success).toBe(false);
        if (ours.success) return;
        const theirs = schema.issues.map(keys);
        const mine = ours.issues.map(keys);
        // Each issue is where the schema finds one, or inside it (the schema's union of a
        // user's text or parts stops at `content`), and each of the schema's has one.
        for (const path of mine) expect(theirs.some((at) => startsWith(path, at))).toBe(true);
        for (const at of theirs) expect(mine.some((path) => startsWith(path, at))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test("gives a new message, its fields kept; an assistant's null or missing content becomes an empty string", () => {
    const given = { role: "assistant", content: null, future_field: 1 };
    const result = safeParseChatMessage(given);
    expect(result).toEqual({
      success: true,
      value: { role: "assistant", content: "", future_field: 1 },
    });
    expect(given.content).toBeNull();
    expect(safeParseChatMessage({ role: "assistant" })).toMatchObject({
      value: { role: "assistant", content: "" },
    });
  });

  test("names every issue with its path, inside content parts and tool calls too", () => {
    const result = safeParseChatMessage({
      role: "user",
      content: [
        { type: "text", text: 5 },
        { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "max" } },
        { type: "video" },
      ],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map(keys)).toEqual([
      ["content", 0, "text"],
      ["content", 1, "image_url", "detail"],
      ["content", 2, "type"],
    ]);
    expect(TypedArrayError.isInstance(result.error)).toBe(true);
    expect(result.error).toMatchObject({ code: "invalid-value", issues: result.issues });
    expect(result.error.message).toBe(
      'Invalid value: Expected string but received 5 at content.0.text; Expected ("auto" | "low" | "high") but received "max" at content.1.image_url.detail; Expected ("text" | "image_url") but received "video" at content.2.type',
    );
    const calls = safeParseChatMessage({
      role: "assistant",
      content: "",
      tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: {} } }],
    });
    expect(calls.success ? [] : calls.issues.map(keys)).toEqual([
      ["tool_calls", 0, "function", "arguments"],
    ]);
    expect(safeParseChatMessage(null)).toMatchObject({
      success: false,
      issues: [{ message: "Expected Object but received null", path: [] }],
    });
    expect(safeParseChatMessage({ role: "robot" })).toMatchObject({
      issues: [{ path: ["role"] }],
    });
  });
});
