import type * as v from "valibot";
import { customSchema } from "./non-array.js";

/** The issue of {@link jsonRecord}: not an object. */
export interface JsonRecordIssue extends v.BaseIssue<unknown> {
  readonly kind: "schema";
  readonly type: "json_record";
  readonly expected: string;
}

/** The schema made by {@link jsonRecord}. */
export interface JsonRecordSchema<TValue extends v.GenericSchema>
  extends v.BaseSchema<
    { [key: string]: v.InferInput<TValue> },
    { [key: string]: v.InferOutput<TValue> },
    JsonRecordIssue | v.InferIssue<TValue>
  > {
  readonly type: "json_record";
  readonly reference: typeof jsonRecord;
  readonly value: TValue;
}

/**
 * JSON Schema's `{ type: "object", additionalProperties: <schema> }`: a map. Every own key of
 * the value is checked and kept in the output, `__proto__`, `constructor` and `prototype`
 * included, as plain data (the output's prototype is never changed): valibot's `record` and
 * `objectWithRest` skip those three keys, neither checked nor kept. Arrays are refused.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * const parameters = jsonRecord(v.looseObject({ type: v.string() }));
 * v.parse(parameters, { constructor: { type: "string" } }); // { constructor: { type: "string" } }
 * v.is(parameters, { constructor: 1 }); // false
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function jsonRecord<const TValue extends v.GenericSchema>(
  value: TValue,
): JsonRecordSchema<TValue> {
  return customSchema<JsonRecordSchema<TValue>>(
    { type: "json_record", reference: jsonRecord, expects: "Object", value },
    function (dataset, config, refuse) {
      const input = dataset.value as Record<string, unknown>;
      if (!input || typeof input !== "object" || Array.isArray(input)) return refuse();
      const result = dataset as unknown as {
        typed: boolean;
        value: unknown;
        issues?: v.BaseIssue<unknown>[];
      };
      result.typed = true;
      // `Object.fromEntries` defines own data properties: a `__proto__` key stays data, and no
      // prototype is changed. Every key is checked (also under `abortEarly`: a map is small).
      result.value = Object.fromEntries(
        Object.keys(input).map((key) => {
          const item = this.value["~run"]({ value: input[key] }, config);
          for (const issue of item.issues ?? []) {
            const step = { type: "object", origin: "value", input, key, value: input[key] };
            const at = issue as { path?: v.IssuePathItem[] };
            at.path = [step as v.IssuePathItem, ...(at.path ?? [])];
            result.issues = [...(result.issues ?? []), issue];
          }
          if (!item.typed || (item.issues && config.abortEarly)) result.typed = false;
          return [key, item.value];
        }),
      );
      return result as v.OutputDataset<unknown, v.BaseIssue<unknown>>;
    },
  );
}
