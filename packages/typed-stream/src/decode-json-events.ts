import type { StandardSchemaV1 } from "@standard-schema/spec";
import { type Outcome, STOP, sseStream } from "./sse-stream.js";
import { isPromiseLike, type TypedReadableStream } from "./typed-readable-stream.js";
import { TypedStreamError } from "./typed-stream-error.js";
import type { ByteSource, DecodeJSONEventsOptions, JSONEventOf } from "./types.js";

function schemaMismatch(value: unknown, issues: readonly StandardSchemaV1.Issue[]) {
  const where = (path: StandardSchemaV1.Issue["path"]) =>
    path?.length
      ? ` at ${path.map((key) => (key as StandardSchemaV1.PathSegment).key ?? key).join(".")}`
      : "";
  return new TypedStreamError(
    `Schema mismatch: ${issues.map((issue) => issue.message + where(issue.path)).join("; ")}`,
    { code: "schema-mismatch", data: value, issues },
  );
}

/**
 * Decodes a stream of JSON server-sent events into typed values: each event's data is
 * parsed with `JSON.parse` and, when a schema is given, validated with it (any
 * Standard Schema: valibot, zod, arktype). This is how a streamed Workers AI answer
 * (`data: {...}` events ending with `data: [DONE]`) becomes typed values.
 *
 * It is one stream, with no stream and no promise per event: a synchronous validator
 * is called synchronously, values are delivered as soon as their event's last byte
 * arrives, the input is read only as fast as the consumer reads, and cancelling the
 * returned stream cancels the input. An asynchronous validator is awaited, in order.
 *
 * Outcomes of bad input, each a {@link TypedStreamError}, erroring the stream unless
 * `onInvalid` is given, which skips the event and reports it:
 * - data that is not JSON: `"invalid-json"` (with the data and the `SyntaxError`);
 * - JSON that fails the schema: `"schema-mismatch"` (with the value and the issues);
 * - a malformed SSE line: `"invalid-sse-line"`.
 *
 * Always fatal: `"truncated"` (with `requireDone`, the input ended before the done
 * sentinel), `"event-too-large"` (an event longer than `maxEventSize`, 1 MiB by
 * default), `"invalid-utf8"`, `"http-error"`, and the input's own error.
 *
 * @param input - A byte stream or a `Response`.
 * @param options - See {@link DecodeJSONEventsOptions}.
 * @returns A stream of the schema's output type (`unknown` without a schema).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { decodeJSONEvents } from "@wai/typed-stream";
 *
 * const Chunk = v.object({ response: v.string() });
 * const body = new Response('data: {"response":"Hel"}\n\ndata: {"response":"lo"}\n\ndata: [DONE]\n\n');
 * let text = "";
 * for await (const chunk of decodeJSONEvents(body, { schema: Chunk, requireDone: true })) {
 *   text += chunk.response;
 * }
 * console.log(text); // "Hello"
 * ```
 */
export function decodeJSONEvents<Schema extends StandardSchemaV1 | undefined = undefined>(
  input: ByteSource,
  options?: DecodeJSONEventsOptions<Schema>,
): TypedReadableStream<JSONEventOf<Schema>> {
  type Value = JSONEventOf<Schema>;
  const done = options?.done ?? "[DONE]";
  const validate = options?.schema?.["~standard"].validate;

  const checked = (value: unknown, result: StandardSchemaV1.Result<unknown>): Outcome<Value> =>
    result.issues ? schemaMismatch(value, result.issues) : (result as { value: Value });

  return sseStream<Value>(input, {
    ...options,
    event({ data }) {
      if (data === done) return STOP;
      let value: unknown;
      try {
        value = JSON.parse(data);
      } catch (error) {
        return new TypedStreamError(`Invalid JSON: ${(error as Error).message}`, {
          code: "invalid-json",
          data,
          cause: error,
        });
      }
      if (!validate) return { value: value as Value };
      const result = validate(value);
      if (isPromiseLike(result)) return result.then((settled) => checked(value, settled));
      return checked(value, result);
    },
    requireDone: options?.requireDone && done,
  });
}
