import { TypedArray, TypedArrayError } from "@wai/typed-array";
import { describe, expect, test } from "vitest";
import { ChatMessage } from "./chat-message.js";

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
