import { type } from "arktype";
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { TypedArray } from "./typed-array.js";
import { TypedArrayError } from "./typed-array-error.js";
import type { StandardSchemaV1 } from "./types.js";

const Message = v.object({
  role: v.picklist(["system", "user", "assistant"]),
  content: v.string(),
});
type Message = v.InferOutput<typeof Message>;
const user = (content: string): Message => ({ role: "user", content });
const bad = { role: "robot", content: 5 } as unknown as Message;

/** Runs `fn`, expecting a TypedArrayError, and returns it. */
function thrown(fn: () => unknown): TypedArrayError {
  try {
    fn();
  } catch (error) {
    expect(TypedArrayError.isInstance(error)).toBe(true);
    return error as TypedArrayError;
  }
  throw new Error("expected a TypedArrayError");
}

describe("making typed arrays", () => {
  test("of and from validate and store the schema's output", () => {
    const trimmed = TypedArray.of(v.pipe(v.string(), v.trim()), " a ", "b ");
    expect([...trimmed]).toEqual(["a", "b"]);
    const Num = v.number();
    const fromSet = TypedArray.from(Num, new Set([3, 1]));
    expect([...fromSet]).toEqual([3, 1]);
    expect(fromSet).toBeInstanceOf(TypedArray);
    // The array keeps the very schema it was made with, and goes on validating with it.
    expect(fromSet.schema).toBe(Num);
    expect(trimmed.schema).not.toBe(Num);
    expect(fromSet.safePush("4" as never).success).toBe(false);
    expect(fromSet.safePush(4).success).toBe(true);
    expect([...fromSet]).toEqual([3, 1, 4]);
  });

  test("an invalid item fails the whole array, listing every invalid item by index", () => {
    const error = thrown(() => TypedArray.from(Message, [user("a"), bad, user("c"), bad]));
    expect(error.code).toBe("invalid-item");
    expect(error.index).toBe(1);
    expect(error.issues?.map((issue) => issue.path?.[0])).toEqual([1, 1, 3, 3]);
    expect(error.message).toContain("index 1");
    expect(error.message).toContain("1.role");
    expect(error.message).toContain("3.content");
  });

  test("valibot, zod and arktype schemas all work", () => {
    const schemas: StandardSchemaV1<unknown, { n: number }>[] = [
      v.object({ n: v.number() }),
      z.object({ n: z.number() }),
      type({ n: "number" }),
    ];
    for (const schema of schemas) {
      const array = TypedArray.of(schema, { n: 1 });
      array.push({ n: 2 });
      expect([...array]).toEqual([{ n: 1 }, { n: 2 }]);
      expect(thrown(() => array.push({ n: "3" } as unknown as { n: number })).code).toBe(
        "invalid-item",
      );
      expect(array).toHaveLength(2);
    }
  });
});

describe("every mutation validates and is atomic", () => {
  const start = () => TypedArray.of(Message, user("a"), user("b"), user("c"));
  const snapshot = (array: Message[]) => JSON.stringify(array);

  test("push", () => {
    const array = start();
    expect(array.push(user("d"), user("e"))).toBe(5);
    const before = snapshot(array);
    const error = thrown(() => array.push(user("f"), bad));
    expect(error.index).toBe(6);
    expect(error.issues?.[0]?.path?.[0]).toBe(6);
    expect(snapshot(array)).toBe(before);
  });

  test("unshift", () => {
    const array = start();
    array.unshift(user("z"));
    expect(array[0]?.content).toBe("z");
    const before = snapshot(array);
    expect(thrown(() => array.unshift(user("y"), bad)).index).toBe(1);
    expect(snapshot(array)).toBe(before);
  });

  test("splice, with Array's own argument rules", () => {
    const array = start();
    expect(array.splice(1, 1, user("x"), user("y"))).toEqual([user("b")]);
    expect(array.map((m) => m.content)).toEqual(["a", "x", "y", "c"]);
    const before = snapshot(array);
    expect(thrown(() => array.splice(-1, 1, bad)).index).toBe(3);
    expect(snapshot(array)).toBe(before);

    const removed = array.splice(2);
    expect(removed).toEqual([user("y"), user("c")]);
    expect(removed.constructor).toBe(Array);
    expect(array.splice(0, undefined)).toEqual([]);
    expect(array).toHaveLength(2);
  });

  test("fill validates its value once", () => {
    let calls = 0;
    const counted: StandardSchemaV1<unknown, string> = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate: (value) => {
          calls++;
          return typeof value === "string" ? { value } : { issues: [{ message: "not a string" }] };
        },
      },
    };
    const array = TypedArray.of(counted, "a", "b", "c", "d");
    calls = 0;
    array.fill("z", 1, 3);
    expect([...array]).toEqual(["a", "z", "z", "d"]);
    expect(calls).toBe(1);
    expect(thrown(() => array.fill(7 as unknown as string, -2)).index).toBe(2);
    expect([...array]).toEqual(["a", "z", "z", "d"]);
  });

  test("set replaces one item; negative indexes count from the end", () => {
    const array = start();
    array.set(-1, user("last"));
    expect(array[2]?.content).toBe("last");
    const before = snapshot(array);
    expect(thrown(() => array.set(0, bad)).issues?.[0]?.path?.[0]).toBe(0);
    expect(thrown(() => array.set(3, user("x"))).code).toBe("index-out-of-range");
    expect(thrown(() => array.set(1.5, user("x"))).code).toBe("index-out-of-range");
    expect(snapshot(array)).toBe(before);
  });

  test("safe variants return results, never throw, and change nothing on failure", () => {
    const array = start();
    expect(array.safePush(user("d"))).toEqual({ success: true, value: 4 });
    const before = snapshot(array);
    for (const result of [
      array.safePush(bad),
      array.safeUnshift(bad),
      array.safeSplice(0, 2, bad),
      array.safeFill(bad),
      array.safeSet(0, bad),
      array.safeSet(99, user("x")),
      TypedArray.safeFrom(Message, [bad]),
    ]) {
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(result.issues.length).toBeGreaterThan(0);
        expect(TypedArrayError.isInstance(result.error)).toBe(true);
      }
    }
    expect(snapshot(array)).toBe(before);
  });

  test("plain index assignment is not validated (use set)", () => {
    const array = start();
    array[0] = bad;
    expect(array[0]).toBe(bad);
  });
});

describe("schemas that cannot validate synchronously", () => {
  const throwing: StandardSchemaV1<unknown, string> = {
    "~standard": {
      version: 1,
      vendor: "test",
      validate: () => {
        throw new Error("validator bug");
      },
    },
  };
  const asynchronous: StandardSchemaV1<unknown, string> = {
    "~standard": {
      version: 1,
      vendor: "test",
      validate: async (value) => ({ value: value as string }),
    },
  };

  test("a schema that throws gives schema-error, with the cause, and changes nothing", () => {
    const array = new TypedArray(throwing);
    const error = thrown(() => array.push("a"));
    expect(error.code).toBe("schema-error");
    expect((error.cause as Error).message).toBe("validator bug");
    expect(array).toHaveLength(0);
    expect(array.safePush("a")).toMatchObject({ success: false, error: { code: "schema-error" } });
  });

  test("an async schema gives async-schema and changes nothing", () => {
    const array = new TypedArray(asynchronous);
    expect(thrown(() => array.push("a")).code).toBe("async-schema");
    expect(thrown(() => TypedArray.of(asynchronous, "a")).code).toBe("async-schema");
    expect(array).toHaveLength(0);
  });
});

describe("it reads as a plain array", () => {
  const array = TypedArray.of(Message, user("a"), user("b"));

  test("iteration, length, at, indexOf", () => {
    expect([...array].map((m) => m.content)).toEqual(["a", "b"]);
    expect(array.length).toBe(2);
    expect(array.at(-1)?.content).toBe("b");
    expect(array.indexOf(array[1] as Message)).toBe(1);
  });

  test("map, filter, slice and concat give plain arrays", () => {
    for (const derived of [
      array.map((m) => m),
      array.filter(() => true),
      array.slice(),
      array.concat([]),
    ]) {
      expect(derived.constructor).toBe(Array);
      expect(derived).not.toBeInstanceOf(TypedArray);
    }
    // A plain array from map may hold anything: it is not bound to the schema.
    expect(array.map((m) => m.content.length)).toEqual([1, 1]);
  });

  test("Array.isArray, JSON.stringify and structuredClone see a plain array", () => {
    expect(Array.isArray(array)).toBe(true);
    expect(JSON.stringify(array)).toBe(JSON.stringify([user("a"), user("b")]));
    const clone = structuredClone(array);
    expect(Object.getPrototypeOf(clone)).toBe(Array.prototype);
    expect(clone).toEqual([user("a"), user("b")]);
    expect(Object.keys(array)).toEqual(["0", "1"]);
  });
});

describe("properties", () => {
  const Item = v.pipe(v.number(), v.integer(), v.minValue(0));
  const value = fc.oneof(fc.nat({ max: 99 }), fc.constant(-1), fc.constant(1.5), fc.constant("x"));
  const operation = fc.oneof(
    fc.record({ op: fc.constant("push"), items: fc.array(value, { maxLength: 3 }) }),
    fc.record({ op: fc.constant("unshift"), items: fc.array(value, { maxLength: 3 }) }),
    fc.record({
      op: fc.constant("splice"),
      start: fc.integer({ min: -5, max: 5 }),
      count: fc.nat({ max: 3 }),
      items: fc.array(value, { maxLength: 3 }),
    }),
    fc.record({ op: fc.constant("fill"), value, start: fc.integer({ min: -5, max: 5 }) }),
    fc.record({ op: fc.constant("set"), index: fc.integer({ min: -6, max: 6 }), value }),
  );
  const valid = (x: unknown) => typeof x === "number" && Number.isInteger(x) && x >= 0;

  test("every sequence of mutations matches a plain array, and never stores an invalid item", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), (operations) => {
        const typed = new TypedArray(Item);
        const model: number[] = [];
        for (const o of operations) {
          const items = "items" in o ? o.items : [o.value];
          const allValid = items.every(valid);
          const apply = (target: number[]) => {
            if (o.op === "push") target.push(...(o.items as number[]));
            else if (o.op === "unshift") target.unshift(...(o.items as number[]));
            else if (o.op === "splice") target.splice(o.start, o.count, ...(o.items as number[]));
            else if (o.op === "fill") target.fill(o.value as number, o.start);
            else if (target instanceof TypedArray) target.set(o.index, o.value as number);
            else target[o.index < 0 ? o.index + target.length : o.index] = o.value as number;
          };
          const inRange = o.op !== "set" || (o.index >= -model.length && o.index < model.length);
          if (allValid && inRange) {
            apply(typed);
            apply(model);
          } else {
            expect(() => apply(typed)).toThrow(TypedArrayError);
          }
          expect([...typed]).toEqual(model);
          expect(typed.every(valid)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
