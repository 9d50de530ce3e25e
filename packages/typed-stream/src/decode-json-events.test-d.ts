import { type } from "arktype";
import * as v from "valibot";
import { describe, expectTypeOf, test } from "vitest";
import { z } from "zod";
import { decodeJSONEvents } from "./decode-json-events.js";
import type { TypedReadableStream } from "./typed-readable-stream.js";
import type { TypedStreamError, TypedStreamErrorCode } from "./typed-stream-error.js";

const body = new Response("");

describe("decodeJSONEvents types", () => {
  test("the stream yields the schema's output type, for valibot, zod and arktype", () => {
    expectTypeOf(decodeJSONEvents(body, { schema: v.object({ n: v.number() }) })).toEqualTypeOf<
      TypedReadableStream<{ n: number }>
    >();
    expectTypeOf(decodeJSONEvents(body, { schema: z.object({ s: z.string() }) })).toEqualTypeOf<
      TypedReadableStream<{ s: string }>
    >();
    expectTypeOf(decodeJSONEvents(body, { schema: type({ b: "boolean" }) })).toEqualTypeOf<
      TypedReadableStream<{ b: boolean }>
    >();
  });

  test("a transform's output is what the stream yields", () => {
    const schema = v.pipe(
      v.string(),
      v.transform((s) => s.length),
    );
    expectTypeOf(decodeJSONEvents(body, { schema })).toEqualTypeOf<TypedReadableStream<number>>();
  });

  test("without a schema, values are unknown", () => {
    expectTypeOf(decodeJSONEvents(body)).toEqualTypeOf<TypedReadableStream<unknown>>();
  });

  test("options are checked", () => {
    // @ts-expect-error: done is a string or false
    decodeJSONEvents(body, { done: true });
    // @ts-expect-error: not a schema
    decodeJSONEvents(body, { schema: { parse() {} } });
    // @ts-expect-error: maxEventSize is a number of bytes
    decodeJSONEvents(body, { maxEventSize: "1MB" });
    decodeJSONEvents(body, { maxEventSize: 64 * 1024, onInvalid: () => {} });
    decodeJSONEvents(body, { maxEventSize: undefined });
  });

  test("the error codes a stream can give include the event size and the serializer", () => {
    expectTypeOf<"event-too-large">().toExtend<TypedStreamErrorCode>();
    expectTypeOf<"unserializable-value">().toExtend<TypedStreamErrorCode>();
    expectTypeOf<TypedStreamError["code"]>().toEqualTypeOf<TypedStreamErrorCode>();
  });
});
