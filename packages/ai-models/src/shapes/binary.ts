import * as v from "valibot";

/** A binary value as the binding hands it over: bytes, a stream of bytes, or a string. */
export type BinaryValue = string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | Blob;

function isBinaryValue(value: unknown): value is BinaryValue {
  return (
    typeof value === "string" ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    value instanceof ReadableStream ||
    (typeof Blob !== "undefined" && value instanceof Blob)
  );
}

/**
 * JSON Schema's `{ type: "string", format: "binary" }`: raw bytes. On the wire (JSON) it is
 * a string; through the binding it is a `Uint8Array`, an `ArrayBuffer`, a `Blob` or a
 * `ReadableStream` of bytes (streamed text, generated images and audio), so all are
 * accepted. In JSON terms: any string passes, any other JSON value fails.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * v.is(binary(), new Uint8Array([1, 2, 3])); // true
 * v.is(binary(), 42); // false
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function binary(): v.CustomSchema<BinaryValue, v.ErrorMessage<v.CustomIssue> | undefined> {
  return v.custom<BinaryValue>(isBinaryValue, "Expected binary data");
}
