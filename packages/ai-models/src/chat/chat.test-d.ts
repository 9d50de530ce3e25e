import type { TypedArray } from "@wai/typed-array";
import * as v from "valibot";
import { describe, expectTypeOf, test } from "vitest";
import type { ChatMessage as ChatMessageType } from "./chat-message.js";
import { ChatMessage } from "./chat-message.js";
import { tool } from "./tool.js";

describe("chat layer types", () => {
  test("message lists are typed arrays of ChatMessage with a typed builder", () => {
    const messages = ChatMessage.list(ChatMessage.user("hi"));
    expectTypeOf(messages).toEqualTypeOf<TypedArray<ChatMessageType>>();
    messages.pushBuilder((m) => m.role("assistant").content("hello"));
    // @ts-expect-error: not a role
    messages.pushBuilder((m) => m.role("robot"));
    // @ts-expect-error: tool messages need their call id as a string
    ChatMessage.tool("result", { toolCallId: 1 });
    expectTypeOf(
      ChatMessage.builder().role("user").content("x").build(),
    ).toEqualTypeOf<ChatMessageType>();
  });

  test("tool arguments are typed from the parameters schema", () => {
    const weather = tool({
      name: "get_weather",
      description: "Weather",
      parameters: v.object({ city: v.string(), days: v.optional(v.number()) }),
    });
    expectTypeOf(weather.parseArguments("{}")).toEqualTypeOf<{
      city: string;
      days?: number | undefined;
    }>();
    expectTypeOf(weather.name).toEqualTypeOf<"get_weather">();
    tool({
      name: "sum",
      description: "Sum",
      parameters: v.object({ values: v.array(v.number()) }),
      // @ts-expect-error: execute receives the parsed arguments
      execute: (args: { values: string[] }) => args.values.length,
    });
  });
});
