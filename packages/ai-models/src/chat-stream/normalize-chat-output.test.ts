import { describe, expect, test } from "vitest";
import { openAIChunk, sseText } from "../../test/chat-stream/fixtures.js";
import { AiModelsError } from "../ai-models-error.js";
import type { ChatStreamEvent } from "./chat-stream-event.js";
import {
  collectChatStream,
  emptyChatOutput,
  reduceChatStreamEvent,
} from "./collect-chat-stream.js";
import { decodeChatStream } from "./decode-chat-stream.js";
import { normalizeChatOutput } from "./normalize-chat-output.js";

const deepFreeze = <T>(value: T): T => {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

const streamed = (chunks: readonly unknown[]) =>
  collectChatStream(decodeChatStream(new Response(sseText(chunks))));

describe("normalizeChatOutput", () => {
  test("a native legacy output with object arguments and no ids", () => {
    const output = {
      response: null,
      tool_calls: [
        { name: "getWeather", arguments: { latitude: "51.5074", longitude: "-0.1278" } },
      ],
      usage: { prompt_tokens: 30, completion_tokens: 8, total_tokens: 38 },
    };
    expect(normalizeChatOutput(output)).toEqual({
      text: "",
      reasoning: "",
      toolCalls: [
        {
          index: 0,
          id: "call_0",
          name: "getWeather",
          rawArguments: '{"latitude":"51.5074","longitude":"-0.1278"}',
          arguments: { latitude: "51.5074", longitude: "-0.1278" },
        },
      ],
      usage: {
        promptTokens: 30,
        completionTokens: 8,
        totalTokens: 38,
        raw: { prompt_tokens: 30, completion_tokens: 8, total_tokens: 38 },
      },
      finishReason: "tool-calls",
    });
  });

  test("a Llama 4 output: tool calls with ids, nested function and object arguments", () => {
    const answer = normalizeChatOutput({
      response: "",
      tool_calls: [
        { id: "a", type: "function", function: { name: "f", arguments: { x: 1 } } },
        { id: "b", type: "function", function: { name: "g", arguments: { y: [2] } } },
      ],
    });
    expect(answer.toolCalls).toEqual([
      { index: 0, id: "a", name: "f", rawArguments: '{"x":1}', arguments: { x: 1 } },
      { index: 1, id: "b", name: "g", rawArguments: '{"y":[2]}', arguments: { y: [2] } },
    ]);
    expect(answer.usage).toBeUndefined();
  });

  test("an OpenAI chat.completion with reasoning, string arguments and finish_reason", () => {
    const answer = normalizeChatOutput({
      id: "chatcmpl-9",
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Checking.",
            reasoning_content: "Need the weather.",
            tool_calls: [
              {
                id: "call_x",
                type: "function",
                function: { name: "weather", arguments: '{"city":"Paris"}' },
              },
              { id: "call_y", type: "function", function: { name: "time", arguments: "" } },
            ],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30, neurons: 0.5 },
    });
    expect(answer).toMatchObject({
      text: "Checking.",
      reasoning: "Need the weather.",
      finishReason: "tool-calls",
      rawFinishReason: "tool_calls",
      usage: { promptTokens: 20, completionTokens: 10, totalTokens: 30, neurons: 0.5 },
    });
    expect(answer.toolCalls.map((call) => [call.id, call.name, call.arguments])).toEqual([
      ["call_x", "weather", { city: "Paris" }],
      ["call_y", "time", {}],
    ]);
  });

  test("reasoning under `reasoning`, a REST envelope, a JSON-mode object response", () => {
    expect(
      normalizeChatOutput({
        choices: [{ message: { content: "4", reasoning: "2+2" }, finish_reason: "stop" }],
      }),
    ).toMatchObject({ text: "4", reasoning: "2+2", finishReason: "stop" });
    expect(
      normalizeChatOutput({
        result: { response: "Hello" },
        success: true,
        errors: [],
        messages: [],
      }),
    ).toMatchObject({ text: "Hello", finishReason: "stop", usage: undefined });
    expect(normalizeChatOutput({ response: { safe: true } }).text).toBe('{"safe":true}');
  });

  test("arguments that are not JSON give a typed failure", () => {
    const [call] = normalizeChatOutput({
      choices: [
        { message: { tool_calls: [{ id: "c", function: { name: "f", arguments: "{nope" } }] } },
      ],
    }).toolCalls;
    expect(call?.argumentsError).toMatchObject({
      name: "AiModelsError",
      code: "invalid-tool-arguments",
      data: "{nope",
    });
  });

  test("what is not a chat answer is an invalid-output error saying what it got", () => {
    const cases: [value: unknown, says: RegExp][] = [
      [
        new ReadableStream(),
        /not a ReadableStream \(a streamed answer: decode it with decodeChatStream\)/,
      ],
      [new Response('{"response":"hi"}'), /not a Response/],
      [{ shape: [1, 3], data: [[0.1, 0.2, 0.3]] }, /not an object with keys shape, data$/],
      [{}, /not an empty object$/],
      ["hello", /not a string \("hello"\)$/],
      [null, /not null$/],
      [undefined, /not undefined$/],
      [42, /not a number \(42\)$/],
      [[{ label: "POSITIVE", score: 0.9 }], /not an array of 1 items$/],
      [new Uint8Array([1, 2]), /not a Uint8Array$/],
      [{ result: null, success: false, errors: [{ code: 3040 }] }, /keys result, success, errors$/],
    ];
    for (const [value, says] of cases) {
      let thrown: unknown;
      try {
        normalizeChatOutput(value);
      } catch (error) {
        thrown = error;
      }
      expect(AiModelsError.isInstance(thrown), String(says)).toBe(true);
      expect(thrown).toMatchObject({ name: "AiModelsError", code: "invalid-output" });
      expect((thrown as AiModelsError).data).toBe(value);
      expect((thrown as AiModelsError).message).toMatch(says);
    }
  });

  test("every shape of chat answer is read, even an empty one", () => {
    for (const answer of [
      { response: null },
      { response: "" },
      { tool_calls: [] },
      { choices: [] },
      { output: [] },
      { result: { response: "x" }, success: true },
    ]) {
      expect(normalizeChatOutput(answer).finishReason).toBe("stop");
    }
  });

  test("never mutates the caller's output (works on a deeply frozen one)", () => {
    const output = deepFreeze({
      response: "x",
      tool_calls: [{ name: "f", arguments: { a: 1 } }],
      usage: { total_tokens: 1 },
    });
    const before = structuredClone(output);
    normalizeChatOutput(output);
    expect(output).toEqual(before);
    const openai = deepFreeze({
      choices: [
        {
          message: {
            content: "y",
            tool_calls: [{ id: "i", function: { name: "g", arguments: "{}" } }],
          },
        },
      ],
    });
    expect(() => normalizeChatOutput(openai)).not.toThrow();
  });
});

describe("streamed and non-streamed forms of the same answer are equal", () => {
  test("native legacy tool calls", async () => {
    const calls = [
      { name: "get_weather", arguments: { city: "Köln" } },
      { name: "get_time", arguments: { zone: "東京" } },
    ];
    const usage = { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 };
    expect(
      await streamed([
        { response: "Calling ", p: "abc" },
        { response: "tools.", p: "abcdef" },
        { response: "", tool_calls: [], p: "ab" },
        { response: "", tool_calls: calls },
        { response: "", usage },
      ]),
    ).toEqual(normalizeChatOutput({ response: "Calling tools.", tool_calls: calls, usage }));
  });

  test("OpenAI text, reasoning and streamed tool calls", async () => {
    const usage = { prompt_tokens: 147, completion_tokens: 16, total_tokens: 163, neurons: 1.772 };
    const stream = await streamed([
      openAIChunk({ role: "assistant", reasoning_content: "Weather " }),
      openAIChunk({ reasoning_content: "in Köln." }),
      openAIChunk({ content: "Let me " }),
      openAIChunk({ content: "check." }),
      openAIChunk({
        tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "weather" } }],
      }),
      openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '"Köln"}' } }] }),
      openAIChunk({ tool_calls: [{ id: null, type: null, function: { name: null } }] }),
      openAIChunk({}, { finish_reason: "tool_calls" }),
      { response: "", usage },
    ]);
    const whole = normalizeChatOutput({
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Let me check.",
            reasoning_content: "Weather in Köln.",
            tool_calls: [
              {
                id: "call_a",
                type: "function",
                function: { name: "weather", arguments: '{"city":"Köln"}' },
              },
            ],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage,
    });
    expect(stream).toEqual(whole);
  });

  test("plain text without usage", async () => {
    expect(await streamed([{ response: "Hi" }, { response: " there" }])).toEqual(
      normalizeChatOutput({ response: "Hi there" }),
    );
  });
});

describe("reduceChatStreamEvent", () => {
  test("folds events into the final shape; without finish it stays truncated", () => {
    const events: ChatStreamEvent[] = [
      { type: "reasoning-delta", text: "hm" },
      { type: "text-delta", text: "a" },
      { type: "usage", totalTokens: 3, raw: { total_tokens: 3 } },
    ];
    expect(events.reduce(reduceChatStreamEvent, emptyChatOutput())).toEqual({
      text: "a",
      reasoning: "hm",
      toolCalls: [],
      usage: { totalTokens: 3, raw: { total_tokens: 3 } },
      finishReason: "truncated",
    });
  });
});

describe("Responses-API outputs (gpt-oss with `input`)", () => {
  test("message text, reasoning, function calls and usage normalize like a chat completion", () => {
    const output = {
      object: "response",
      output: [
        {
          type: "reasoning",
          id: "rs_1",
          summary: [{ type: "summary_text", text: "short" }],
          content: [{ type: "reasoning_text", text: "The user wants weather." }],
        },
        {
          type: "message",
          id: "msg_1",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text: "Checking." }],
        },
        {
          type: "function_call",
          call_id: "call_9",
          name: "get_weather",
          arguments: '{"city":"Oslo"}',
        },
      ],
      usage: { input_tokens: 40, output_tokens: 12, total_tokens: 52 },
    };
    const copy = structuredClone(output);
    const answer = normalizeChatOutput(output);
    expect(answer.text).toBe("Checking.");
    expect(answer.reasoning).toBe("The user wants weather.");
    expect(answer.toolCalls).toMatchObject([
      {
        id: "call_9",
        name: "get_weather",
        rawArguments: '{"city":"Oslo"}',
        arguments: { city: "Oslo" },
      },
    ]);
    expect(answer.usage).toMatchObject({ promptTokens: 40, completionTokens: 12, totalTokens: 52 });
    expect(answer.finishReason).toBe("tool-calls");
    expect(output).toEqual(copy);
  });

  test("output_text alone, a reasoning summary alone, and a length cut-off", () => {
    const answer = normalizeChatOutput({
      output: [{ type: "reasoning", summary: [{ type: "summary_text", text: "in short" }] }],
      output_text: "Hello",
      incomplete_details: { reason: "max_output_tokens" },
    });
    expect(answer.text).toBe("Hello");
    expect(answer.reasoning).toBe("in short");
    expect(answer.finishReason).toBe("length");
    expect(answer.usage).toBeUndefined();
  });
});
