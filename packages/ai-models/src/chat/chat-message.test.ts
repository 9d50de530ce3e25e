import { TypedArray, TypedArrayError } from "@wai/typed-array";
import { describe, expect, test } from "vitest";
import { ChatMessage } from "./chat-message.js";
import { assistantMessage, systemMessage, toolMessage, userMessage } from "./role-messages.js";

describe("ChatMessage", () => {
  test("role shortcuts make valid messages", () => {
    expect(ChatMessage.system("Be brief.")).toEqual({ role: "system", content: "Be brief." });
    expect(ChatMessage.user("hi", { name: "ann" })).toEqual({
      role: "user",
      content: "hi",
      name: "ann",
    });
    expect(ChatMessage.tool("21°C", { toolCallId: "call_1" })).toEqual({
      role: "tool",
      content: "21°C",
      tool_call_id: "call_1",
    });
  });

  test("assistant tool calls take the OpenAI form, object arguments as JSON", () => {
    const message = ChatMessage.assistant("", {
      toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
    });
    expect(message).toEqual({
      role: "assistant",
      content: "",
      tool_calls: [
        {
          id: "call_1",
          type: "function",
          function: { name: "get_weather", arguments: '{"city":"Paris"}' },
        },
      ],
    });
  });

  test("an assistant's missing or null content becomes an empty string (the binding rejects null)", () => {
    expect(ChatMessage.builder().role("assistant").build()).toEqual({
      role: "assistant",
      content: "",
    });
    expect(ChatMessage.list({ role: "assistant", content: null })[0]).toEqual({
      role: "assistant",
      content: "",
    });
  });

  test("user content may be text and image parts; unknown fields are kept", () => {
    const message = ChatMessage.user([
      { type: "text", text: "What is this?" },
      { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
    ]);
    expect(Array.isArray(message.content)).toBe(true);
    expect(
      ChatMessage.list({ role: "user", content: "x", future_field: 1 } as never)[0],
    ).toMatchObject({
      future_field: 1,
    });
  });

  test("invalid messages throw a typed error naming the key", () => {
    let caught: unknown;
    try {
      ChatMessage.builder().role("tool").content("result").build();
    } catch (error) {
      caught = error;
    }
    expect(TypedArrayError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain("tool_call_id");
    expect(() => ChatMessage.list({ role: "robot", content: "x" } as never)).toThrow(/role/);
  });

  test("a role shortcut refuses a bad message with a TypedArrayError whose issues name the key", () => {
    const caught = (make: () => unknown): unknown => {
      try {
        make();
      } catch (error) {
        return error;
      }
      throw new Error("nothing was thrown");
    };
    const error = caught(() =>
      ChatMessage.tool("21°C", { toolCallId: 42 as unknown as string }),
    ) as TypedArrayError;
    expect(TypedArrayError.isInstance(error)).toBe(true);
    expect(error.code).toBe("invalid-value");
    expect(error.message).toMatch(/^Invalid value: .* at tool_call_id$/);
    expect(error.issues?.map((issue) => issue.path)).toEqual([["tool_call_id"]]);
    const content = caught(() => ChatMessage.user(7 as unknown as string)) as TypedArrayError;
    expect(content.code).toBe("invalid-value");
    expect(content.message).toContain("at content");
    expect(() => ChatMessage.system({} as unknown as string)).toThrow(/at content/);
    expect(() =>
      ChatMessage.assistant("", {
        toolCalls: [{ id: 1 as unknown as string, name: "f", arguments: {} }],
      }),
    ).toThrow(/at tool_calls\.0\.id/);
  });

  test("the role shortcuts are also plain functions, making the same messages", () => {
    expect(ChatMessage.system).toBe(systemMessage);
    expect(ChatMessage.user).toBe(userMessage);
    expect(ChatMessage.assistant).toBe(assistantMessage);
    expect(ChatMessage.tool).toBe(toolMessage);
    expect(systemMessage("s", { name: "rules" })).toEqual({
      role: "system",
      content: "s",
      name: "rules",
    });
    expect(userMessage("hi")).toEqual({ role: "user", content: "hi" });
    expect(assistantMessage("", { toolCalls: [{ id: "a", name: "f", arguments: "{}" }] })).toEqual({
      role: "assistant",
      content: "",
      tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: "{}" } }],
    });
    expect(toolMessage("ok", { toolCallId: "a", name: "f" })).toEqual({
      role: "tool",
      content: "ok",
      tool_call_id: "a",
      name: "f",
    });
  });

  test("lists are typed arrays with pushBuilder, plain to JSON and RPC", () => {
    const messages = ChatMessage.list(ChatMessage.system("s"));
    messages.pushBuilder((m) => m.role("user").content("hello"));
    expect(messages).toBeInstanceOf(TypedArray);
    expect(Array.isArray(messages)).toBe(true);
    expect(JSON.parse(JSON.stringify(messages))).toEqual([
      { role: "system", content: "s" },
      { role: "user", content: "hello" },
    ]);
    expect(() => messages.push({ role: "user" } as never)).toThrow(TypedArrayError);
    expect(messages).toHaveLength(2);
  });
});
