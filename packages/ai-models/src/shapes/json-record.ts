import * as v from "valibot";

/** The issue of {@link jsonRecord}: not an object, or a missing required entry. */
export interface JsonRecordIssue extends v.BaseIssue<unknown> {
  readonly kind: "schema";
  readonly type: "json_record";
  readonly expected: string;
}

/** The schema made by {@link jsonRecord}. */
export interface JsonRecordSchema<TEntries extends v.ObjectEntries, TRest extends v.GenericSchema>
  extends v.BaseSchema<
    v.InferInput<v.LooseObjectSchema<TEntries, undefined>> & {
      [key: string]: v.InferInput<TRest>;
    },
    v.InferOutput<v.LooseObjectSchema<TEntries, undefined>> & {
      [key: string]: v.InferOutput<TRest>;
    },
    JsonRecordIssue | v.InferIssue<v.LooseObjectSchema<TEntries, undefined>> | v.InferIssue<TRest>
  > {
  readonly type: "json_record";
  readonly reference: typeof jsonRecord;
  readonly entries: TEntries;
  readonly rest: TRest;
}

const optionalTypes = new Set(["optional", "exact_optional", "nullish"]);

/** Sets an own, enumerable data property, even for `__proto__` (no prototype is changed). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * JSON Schema's `{ type: "object", properties, additionalProperties: <schema> }`: a map.
 * Every own key of the value is checked (by its entry's schema when `entries` names it, by
 * `rest` otherwise) and kept in the output, `__proto__`, `constructor` and `prototype`
 * included, as plain data (the output's prototype is never changed). valibot's
 * `objectWithRest` skips those three keys: neither checked nor kept. Arrays are refused.
 *
 * @example
 * ```
 * import * as v from "valibot";
 *
 * const parameters = jsonRecord({}, v.looseObject({ type: v.string() }));
 * v.parse(parameters, { constructor: { type: "string" } }); // { constructor: { type: "string" } }
 * v.is(parameters, { constructor: 1 }); // false
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function jsonRecord<
  const TEntries extends v.ObjectEntries,
  const TRest extends v.GenericSchema,
>(entries: TEntries, rest: TRest): JsonRecordSchema<TEntries, TRest> {
  return v._standardSchema({
    kind: "schema",
    type: "json_record",
    reference: jsonRecord,
    expects: "Object",
    async: false,
    entries,
    rest,
    "~run"(dataset, config) {
      const input = dataset.value;
      if (typeof input !== "object" || input === null || Array.isArray(input)) {
        v._addIssue(this as never, "type", dataset, config);
        return dataset as never;
      }
      const record = input as Record<string, unknown>;
      const output: Record<string, unknown> = {};
      const result = dataset as unknown as {
        typed: boolean;
        value: unknown;
        issues?: v.BaseIssue<unknown>[];
      };
      result.typed = true;
      result.value = output;
      // Checks one value; false when parsing must stop (an issue and `abortEarly`).
      const check = (key: string, schema: v.GenericSchema, value: unknown): boolean => {
        const checked = schema["~run"]({ value }, config);
        if (checked.issues) {
          const pathItem: v.ObjectPathItem = {
            type: "object",
            origin: "value",
            input: record,
            key,
            value,
          };
          for (const issue of checked.issues) {
            if (issue.path) issue.path.unshift(pathItem);
            else (issue as { path?: v.IssuePathItem[] }).path = [pathItem];
            result.issues?.push(issue);
          }
          result.issues ??= checked.issues;
          if (config.abortEarly) {
            result.typed = false;
            return false;
          }
        }
        if (!checked.typed) result.typed = false;
        if (checked.value !== undefined || Object.hasOwn(record, key))
          setOwn(output, key, checked.value);
        return true;
      };
      for (const key of Object.keys(this.entries)) {
        const schema = this.entries[key] as v.GenericSchema;
        if (Object.hasOwn(record, key) || optionalTypes.has(schema.type)) {
          const value = Object.hasOwn(record, key) ? record[key] : undefined;
          if (!check(key, schema, value)) return result as never;
        } else {
          v._addIssue(this as never, "key", dataset, config, {
            input: undefined,
            expected: `"${key}"`,
            path: [{ type: "object", origin: "key", input: record, key, value: undefined }],
          });
          if (config.abortEarly) return result as never;
        }
      }
      for (const key of Object.keys(record)) {
        if (Object.hasOwn(this.entries, key)) continue;
        if (!check(key, this.rest, record[key])) break;
      }
      return result as never;
    },
  } as Omit<JsonRecordSchema<TEntries, TRest>, "~standard">) as JsonRecordSchema<TEntries, TRest>;
}
