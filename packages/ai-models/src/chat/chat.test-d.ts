import type { TypedArray } from "@wai/typed-array";
import * as v from "valibot";
import { describe, expectTypeOf, test } from "vitest";
import type {
  ChatMessage as ChatMessageType,
  TextChatMessage,
  TextUserChatMessage,
  UserChatMessage,
} from "./chat-message.js";
import { ChatMessage } from "./chat-message.js";
import { tool } from "./tool.js";

describe("chat layer types", () => {
  test("message lists are typed arrays of text messages unless a message has image parts", () => {
    const messages = ChatMessage.list(ChatMessage.user("hi"));
    expectTypeOf(messages).toEqualTypeOf<TypedArray<TextChatMessage>>();
    expectTypeOf(ChatMessage.list()).toEqualTypeOf<TypedArray<TextChatMessage>>();
    const anyContent = ChatMessage.list<ChatMessageType>();
    expectTypeOf(anyContent).toEqualTypeOf<TypedArray<ChatMessageType>>();
    const image = ChatMessage.user([{ type: "image_url", image_url: { url: "data:," } }]);
    expectTypeOf(image).toEqualTypeOf<UserChatMessage>();
    expectTypeOf(ChatMessage.user("hi")).toEqualTypeOf<TextUserChatMessage>();
    expectTypeOf(ChatMessage.list(ChatMessage.system("s"), image)).toEqualTypeOf<
      TypedArray<ChatMessageType>
    >();
    // @ts-expect-error: a text list takes no image parts
    messages.push(image);
    anyContent.push(image);
    messages.pushBuilder((m) => m.role("assistant").content("hello"));
    // @ts-expect-error: not a role
    messages.pushBuilder((m) => m.role("robot"));
    // @ts-expect-error: tool messages need their call id as a string
    ChatMessage.tool("result", { toolCallId: 1 });
    expectTypeOf(
      ChatMessage.builder().role("user").content("x").build(),
    ).toEqualTypeOf<TextChatMessage>();
    expectTypeOf(
      ChatMessage.builder<ChatMessageType>()
        .role("user")
        .content([{ type: "text", text: "x" }])
        .build(),
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
