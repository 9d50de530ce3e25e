import { describe, expect, test } from "vitest";
import { AiModelsError } from "./ai-models-error.js";
import { bgeM3, llama4Scout17b16eInstruct } from "./models/index.js";
import { parseInput, safeParseInput } from "./parse-input.js";

describe("parseInput", () => {
  test("returns the checked input, with defaults, and leaves the given input unchanged", () => {
    const input = { messages: [{ role: "user", content: "hello" }] };
    const copy = structuredClone(input);
    const parsed = parseInput(llama4Scout17b16eInstruct, input) as Record<string, unknown>;
    expect(parsed.messages).toEqual(input.messages);
    expect(parsed).not.toBe(input);
    expect(input).toEqual(copy);
  });

  test("an invalid input gives an invalid-input error listing each issue with its path", () => {
    const input = { messages: [{ role: "user", content: 42 }], temperature: 99 };
    const result = safeParseInput(llama4Scout17b16eInstruct, input);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(AiModelsError.isInstance(result.error)).toBe(true);
      expect(result.error.code).toBe("invalid-input");
      expect(result.error.data).toBe(input);
      expect(result.error.issues?.length).toBeGreaterThan(0);
      expect(result.error.message).toContain("@cf/meta/llama-4-scout-17b-16e-instruct");
    }
    expect(() => parseInput(bgeM3, { text: 42 })).toThrow(/invalid|Invalid/);
  });
});
