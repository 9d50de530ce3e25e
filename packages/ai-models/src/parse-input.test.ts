import { describe, expect, test } from "vitest";
import { AiModelsError } from "./ai-models-error.js";
import type { Model } from "./model.js";
import { bgeM3, llama3_1_8bInstruct, llama4Scout17b16eInstruct } from "./models/index.js";
import { parseInput, safeParseInput } from "./parse-input.js";

/** The issues' paths, dotted, and the error message, of an input a model refuses. */
function refusal(model: Model, input: unknown) {
  const result = safeParseInput(model, input);
  if (result.success) throw new Error("expected the input to be refused");
  expect(AiModelsError.isInstance(result.error)).toBe(true);
  expect(result.error.code).toBe("invalid-input");
  expect(result.error.data).toBe(input);
  // The one safe-result shape of the wai packages: the issues beside the error.
  expect(result.issues).toBe(result.error.issues);
  return {
    paths: (result.error.issues ?? []).map((issue) =>
      (issue.path ?? [])
        .map((segment) => (typeof segment === "object" ? segment.key : segment))
        .join("."),
    ),
    message: result.error.message,
  };
}

describe("parseInput", () => {
  test("returns the checked input, with defaults, and leaves the given input unchanged", () => {
    const input = { messages: [{ role: "user", content: "hello" }] };
    const copy = structuredClone(input);
    const parsed = parseInput(llama4Scout17b16eInstruct, input) as Record<string, unknown>;
    expect(parsed.messages).toEqual(input.messages);
    expect(parsed).not.toBe(input);
    expect(input).toEqual(copy);
  });

  test("each issue is given once, with its path, in the closest request form", () => {
    // A bad message and a bad temperature: not "prompt is missing", not one issue per branch.
    const { paths, message } = refusal(llama3_1_8bInstruct, {
      messages: [{ role: "user", content: 42 }],
      temperature: 99,
    });
    expect(paths).toEqual(["messages.0.content", "temperature"]);
    expect(message).toMatch(/^Invalid input for @cf\/meta\/llama-3\.1-8b-instruct: /);
    expect(message).not.toContain("prompt");
    expect(message).toContain("at messages.0.content");
  });

  test("a content that fits no form of a union is one issue at its path", () => {
    const { paths, message } = refusal(llama4Scout17b16eInstruct, {
      messages: [{ role: "user", content: 42 }],
    });
    expect(paths).toEqual(["messages.0.content"]);
    expect(message.match(/ at /g)).toHaveLength(1);
  });

  test("an input of no form at all says which keys would do", () => {
    const { paths, message } = refusal(llama3_1_8bInstruct, { temperature: 0.5 });
    expect(paths).toEqual([""]);
    expect(message).toContain('expected one of "prompt", "messages"');
    expect(refusal(bgeM3, { text: 42 }).paths).toEqual(["text"]);
  });

  test("the input is typed by the model", () => {
    expect(() =>
      // @ts-expect-error: a misspelt field is a compile-time error
      parseInput(llama3_1_8bInstruct, { prompt: "hi", max_token: 1 }),
    ).not.toThrow();
    expect(() => parseInput(bgeM3, { text: 42 } as never)).toThrow(AiModelsError);
  });
});
