import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { jsonRecord } from "./json-record.js";

const parameters = jsonRecord(v.looseObject({ type: v.string() }));

describe("jsonRecord", () => {
  it("checks and keeps every own key, constructor and prototype included", () => {
    const input = {
      constructor: { type: "string" },
      prototype: { type: "number" },
      a: { type: "x" },
    };
    expect(v.parse(parameters, input)).toEqual(input);
    expect(v.is(parameters, { constructor: 1 })).toBe(false);
    expect(v.is(parameters, { prototype: { type: 1 } })).toBe(false);
  });

  it("keeps a __proto__ key as data, without polluting any prototype", () => {
    const input = JSON.parse('{"__proto__": {"type": "string", "polluted": true}}');
    const output = v.parse(parameters, input) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(JSON.stringify(output)).toBe('{"__proto__":{"type":"string","polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(v.is(parameters, JSON.parse('{"__proto__": 1}'))).toBe(false);
  });

  it("counts every own key for minEntries and maxEntries", () => {
    const one = v.pipe(jsonRecord(v.number()), v.maxEntries(1));
    expect(v.is(one, JSON.parse('{"constructor": 1, "a": 2}'))).toBe(false);
    expect(v.is(v.pipe(jsonRecord(v.number()), v.minEntries(1)), { constructor: 1 })).toBe(true);
  });

  it("refuses arrays and non-objects, with the path of a bad value", () => {
    expect(v.is(parameters, [])).toBe(false);
    expect(v.is(parameters, null)).toBe(false);
    const result = v.safeParse(parameters, { a: { type: 1 } });
    expect(result.issues?.[0] && v.getDotPath(result.issues[0])).toBe("a.type");
  });
});
