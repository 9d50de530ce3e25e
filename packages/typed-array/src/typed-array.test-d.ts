import * as v from "valibot";
import { describe, expectTypeOf, test } from "vitest";
import { z } from "zod";
import type { ArrayBuilder } from "./array-builder.js";
import { fluentBuilder } from "./fluent-builder.js";
import { TypedArray } from "./typed-array.js";
import type { SafeResult } from "./types.js";

const Message = v.object({
  role: v.picklist(["system", "user", "assistant"]),
  content: v.string(),
  name: v.optional(v.string()),
});
type Message = v.InferOutput<typeof Message>;

describe("fluent builder types", () => {
  test("setters are typed from the schema and build() returns the output type", () => {
    const builder = fluentBuilder(Message);
    expectTypeOf(builder.role).parameter(0).toEqualTypeOf<"system" | "user" | "assistant">();
    expectTypeOf(builder.role("user").content("hi").build()).toEqualTypeOf<Message>();
    expectTypeOf(builder.safeBuild()).toEqualTypeOf<SafeResult<Message>>();
  });

  test("a wrong value type or an unknown key is a compile error", () => {
    const builder = fluentBuilder(Message);
    // @ts-expect-error: "robot" is not a role
    builder.role("robot");
    // @ts-expect-error: content is a string
    builder.content(5);
    // @ts-expect-error: no such key
    builder.colour("red");
  });

  test("the output type follows transforms", () => {
    const Counted = z
      .object({ text: z.string() })
      .transform((o) => ({ ...o, length: o.text.length }));
    expectTypeOf(fluentBuilder(Counted).text("abc").build()).toEqualTypeOf<{
      text: string;
      length: number;
    }>();
    // @ts-expect-error: length is produced by the transform, not an input key
    fluentBuilder(Counted).length(3);
  });

  test("a loose object's index signature adds no setter; its named keys stay callable", () => {
    const Loose = v.looseObject({ role: v.string(), content: v.string() });
    const builder = fluentBuilder(Loose);
    expectTypeOf(builder.role).toBeFunction();
    expectTypeOf(builder.role("user").content("x").build()).toEqualTypeOf<
      { role: string; content: string } & { [key: string]: unknown }
    >();
    // @ts-expect-error: no such key, index signature or not
    builder.colour("red");
  });

  test("a union of object types offers every member's keys", () => {
    const Shape = z.union([
      z.object({ kind: z.literal("circle"), radius: z.number() }),
      z.object({ kind: z.literal("square"), side: z.number() }),
    ]);
    const builder = fluentBuilder(Shape);
    expectTypeOf(builder.kind).parameter(0).toEqualTypeOf<"circle" | "square">();
    expectTypeOf(builder.radius).parameter(0).toEqualTypeOf<number>();
  });
});

describe("TypedArray types", () => {
  test("of, from and builder infer the item type from the schema", () => {
    expectTypeOf(TypedArray.of(Message)).toEqualTypeOf<TypedArray<Message>>();
    expectTypeOf(TypedArray.from(v.number(), [1])).toEqualTypeOf<TypedArray<number>>();
    expectTypeOf(TypedArray.builder(Message)).toEqualTypeOf<ArrayBuilder<Message, Message>>();
    expectTypeOf(TypedArray.builder(Message).build()).toEqualTypeOf<TypedArray<Message>>();
  });

  test("it is an array of T, and mutations take T", () => {
    const messages = TypedArray.of(Message);
    expectTypeOf(messages).toExtend<Message[]>();
    expectTypeOf(messages.map((m) => m.role)).toEqualTypeOf<("system" | "user" | "assistant")[]>();
    // @ts-expect-error: not a message
    messages.push({ role: "user" });
    // @ts-expect-error: not a message
    messages.set(0, "hello");
  });

  test("pushBuilder works on arrays of a union of object types", () => {
    const Shape = v.variant("kind", [
      v.object({ kind: v.literal("circle"), radius: v.number() }),
      v.object({ kind: v.literal("square"), side: v.number() }),
    ]);
    const shapes = TypedArray.of(Shape);
    shapes.pushBuilder((s) => s.kind("circle").radius(1));
    TypedArray.builder(Shape).pushBuilder((s) => s.kind("square").side(2));
  });

  test("pushBuilder exists only where the item is an object type", () => {
    const messages = TypedArray.of(Message);
    messages.pushBuilder((m) => m.role("user").content("hello"));
    // @ts-expect-error: the builder's setters are typed
    messages.pushBuilder((m) => m.role("robot"));
    const numbers = TypedArray.of(v.number(), 1);
    // @ts-expect-error: numbers have no builder
    numbers.pushBuilder((b) => b);
    // @ts-expect-error: numbers have no builder
    TypedArray.builder(v.number()).pushBuilder((b) => b);
  });
});
