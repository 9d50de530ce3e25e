import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { fluentBuilder } from "./fluent-builder.js";
import { TypedArrayError } from "./typed-array-error.js";

const Message = v.object({
  role: v.picklist(["system", "user", "assistant"]),
  content: v.string(),
  name: v.optional(v.string()),
});

describe("fluentBuilder", () => {
  test("sets keys and builds the schema's output", () => {
    expect(fluentBuilder(Message).role("user").content("hello").build()).toEqual({
      role: "user",
      content: "hello",
    });
  });

  test("build names each missing or invalid key", () => {
    let caught: unknown;
    try {
      fluentBuilder(Message)
        .role("robot" as "user")
        .build();
    } catch (error) {
      caught = error;
    }
    expect(TypedArrayError.isInstance(caught)).toBe(true);
    const error = caught as TypedArrayError;
    expect(error.code).toBe("invalid-value");
    expect(
      error.issues?.map((issue) => issue.path?.map((p) => (p as { key: string }).key)),
    ).toEqual([["role"], ["content"]]);
    expect(error.message).toMatch(/at role.*at content/);
  });

  test("safeBuild returns the value or the issues", () => {
    expect(fluentBuilder(Message).role("system").content("be brief").safeBuild()).toEqual({
      success: true,
      value: { role: "system", content: "be brief" },
    });
    const failed = fluentBuilder(Message).content("x").safeBuild();
    expect(failed.success).toBe(false);
  });

  test("a builder can build again; what was built does not change", () => {
    const base = fluentBuilder(Message).role("user");
    const first = base.content("one").build();
    const second = base.content("two").build();
    expect(first.content).toBe("one");
    expect(second.content).toBe("two");
  });

  test("works with zod and with unions of object types", () => {
    const Shape = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("circle"), radius: z.number() }),
      z.object({ kind: z.literal("square"), side: z.number() }),
    ]);
    expect(fluentBuilder(Shape).kind("square").side(2).build()).toEqual({
      kind: "square",
      side: 2,
    });
  });

  test("awaiting a builder does not hang, and keys like constructor can be set", async () => {
    const builder = fluentBuilder(v.object({ constructor: v.string() }));
    expect(await Promise.resolve(builder)).toBe(builder);
    expect(builder.constructor("x").build()).toEqual({ constructor: "x" });
  });
});
