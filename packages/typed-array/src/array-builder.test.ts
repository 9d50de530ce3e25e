import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { TypedArray } from "./typed-array.js";
import { TypedArrayError } from "./typed-array-error.js";
import type { StandardSchemaV1 } from "./types.js";

const Message = v.object({ role: v.string(), content: v.pipe(v.string(), v.trim()) });

/** Wraps a schema, counting validations. */
function counting<I, T>(schema: StandardSchemaV1<I, T>) {
  const counter = { calls: 0 };
  const wrapped: StandardSchemaV1<I, T> = {
    "~standard": {
      ...schema["~standard"],
      validate: (value) => {
        counter.calls++;
        return schema["~standard"].validate(value);
      },
    },
  };
  return { schema: wrapped, counter };
}

describe("TypedArray.builder", () => {
  test("records items and builds a TypedArray of the schema's outputs", () => {
    const messages = TypedArray.builder(Message)
      .push({ role: "system", content: " brief " })
      .pushBuilder((m) => m.role("user").content("hello "))
      .push({ role: "assistant", content: "hi" }, { role: "user", content: "bye" })
      .build();
    expect(messages).toBeInstanceOf(TypedArray);
    expect(messages.map((m) => m.content)).toEqual(["brief", "hello", "hi", "bye"]);
  });

  test("validates each item exactly once, at build", () => {
    const { schema, counter } = counting(Message);
    const builder = TypedArray.builder(schema);
    for (let i = 0; i < 100; i++) builder.push({ role: "user", content: `${i}` });
    builder.pushBuilder((m) => m.role("user").content("built"));
    expect(counter.calls).toBe(0);
    expect(builder.build()).toHaveLength(101);
    expect(counter.calls).toBe(101);
  });

  test("a failed build lists every invalid item by index and leaves the builder empty", () => {
    const builder = TypedArray.builder(Message)
      .push({ role: "user", content: "a" })
      .push({ role: 1 } as unknown as { role: string; content: string })
      .pushBuilder((m) => m.role("user"));
    const result = builder.safeBuild();
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.code).toBe("invalid-item");
      expect(result.error.index).toBe(1);
      expect(result.issues.map((issue) => issue.path?.[0])).toEqual([1, 1, 2]);
    }
    expect(builder.build()).toHaveLength(0);
  });

  test("build hands the array over; the builder starts again empty", () => {
    const builder = TypedArray.builder(v.number()).push(1, 2);
    const first = builder.build();
    const second = builder.push(3).build();
    expect([...first]).toEqual([1, 2]);
    expect([...second]).toEqual([3]);
  });

  test("build throws a TypedArrayError", () => {
    expect(() =>
      TypedArray.builder(v.number())
        .push("x" as unknown as number)
        .build(),
    ).toThrow(TypedArrayError);
  });
});

describe("pushBuilder on a TypedArray", () => {
  test("validates the built item once and is atomic", () => {
    const { schema, counter } = counting(Message);
    const messages = new TypedArray(schema);
    messages.pushBuilder((m) => m.role("user").content("hello"));
    expect(counter.calls).toBe(1);
    expect(messages[0]).toEqual({ role: "user", content: "hello" });
    const result = messages.safePushBuilder((m) => m.role("user"));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.path?.[0]).toBe(1);
    expect(messages).toHaveLength(1);
  });
});
