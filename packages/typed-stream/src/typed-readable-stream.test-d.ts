import { describe, expectTypeOf, test } from "vitest";
import { TypedReadableStream } from "./typed-readable-stream.js";

describe("TypedReadableStream types", () => {
  test("from infers the element type, and it is a ReadableStream", () => {
    const stream = TypedReadableStream.from([1, 2]);
    expectTypeOf(stream).toEqualTypeOf<TypedReadableStream<number>>();
    expectTypeOf(stream).toExtend<ReadableStream<number>>();
  });

  test("map changes the type, async functions are awaited", () => {
    const stream = TypedReadableStream.from([1]);
    expectTypeOf(stream.map((n) => `${n}`)).toEqualTypeOf<TypedReadableStream<string>>();
    expectTypeOf(stream.map(async (n) => n > 0)).toEqualTypeOf<TypedReadableStream<boolean>>();
  });

  test("filter with a type guard narrows; a plain predicate keeps the type", () => {
    const mixed = TypedReadableStream.from<string | number>([]);
    expectTypeOf(mixed.filter((x): x is number => typeof x === "number")).toEqualTypeOf<
      TypedReadableStream<number>
    >();
    expectTypeOf(mixed.filter(Boolean)).toEqualTypeOf<TypedReadableStream<string | number>>();
  });

  test("through is typed by the transform; consumers return the element type", () => {
    const bytes = TypedReadableStream.from(["a"]).through(new TextEncoderStream());
    expectTypeOf(bytes).toEqualTypeOf<TypedReadableStream<Uint8Array<ArrayBuffer>>>();
    expectTypeOf(TypedReadableStream.from([1]).toArray()).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(TypedReadableStream.from([1]).tee()).toEqualTypeOf<
      [TypedReadableStream<number>, TypedReadableStream<number>]
    >();
  });

  test("through rejects a transform that does not take the element type", () => {
    // @ts-expect-error: TextEncoderStream writes strings, not numbers
    TypedReadableStream.from([1]).through(new TextEncoderStream());
  });
});
