import { collectChatStream, decodeChatStream } from "@wai/ai-models";
import { describe, expect, test } from "vitest";
import {
  byteStream,
  fakeBinding,
  nativeChunks,
  openAIChunks,
  sseStream,
  sseText,
  upstreamError,
} from "../test/fake-binding.js";
import { AiClientError } from "./ai-client-error.js";
import { createAi } from "./create-ai.js";

const scout = "@cf/meta/llama-4-scout-17b-16e-instruct";
const gptOss = "@cf/openai/gpt-oss-20b";
const messages = [{ role: "user" as const, content: "Hi" }];

describe("stream", () => {
  test("yields the decoded events and the final answer without a tee", async () => {
    const ai = createAi(fakeBinding(() => sseStream(nativeChunks("Hello there world"))));
    const stream = ai.stream(scout, { messages });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(["text-delta", "text-delta", "text-delta", "usage", "finish"]);
    expect(await stream.text).toBe("Hello there world");
    expect(await stream.finishReason).toBe("stop");
    expect(await stream.usage).toMatchObject({
      promptTokens: 5,
      completionTokens: 3,
      totalTokens: 8,
    });
    expect(await stream.toolCalls).toEqual([]);
    expect(await stream.reasoning).toBe("");
  });

  test("sends stream: true in a copy of the input", async () => {
    const binding = fakeBinding(() => sseStream(nativeChunks("x")));
    const input = { messages };
    await createAi(binding).stream(scout, input).text;
    expect(binding.calls[0]?.inputs).toEqual({ messages, stream: true });
    expect(input).toEqual({ messages });
  });

  test("awaiting a final value alone reads the stream", async () => {
    const ai = createAi(fakeBinding(() => sseStream(openAIChunks("Olá mundo"))));
    expect(await ai.stream(gptOss, { messages }).text).toBe("Olá mundo");
  });

  test("textStream gives the text deltas as strings", async () => {
    const ai = createAi(fakeBinding(() => sseStream(openAIChunks("a b c"))));
    expect(await ai.stream(gptOss, { messages }).textStream().toArray()).toEqual(["a ", "b ", "c"]);
  });

  test("toSSEResponse re-emits the events for a browser", async () => {
    const ai = createAi(fakeBinding(() => sseStream(nativeChunks("Hi", false))));
    const response = ai.stream(scout, { messages }).toSSEResponse();
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(await response.text()).toBe(
      sseText([
        { type: "text-delta", text: "Hi" },
        { type: "finish", reason: "stop" },
      ]),
    );
  });

  test("a model that answers JSON when asked to stream yields the same events", async () => {
    const answers = [
      {
        choices: [
          {
            index: 0,
            message: {
              content: "It is sunny.",
              reasoning_content: "Let me think.",
              tool_calls: [
                {
                  id: "call_9",
                  type: "function",
                  function: { name: "weather", arguments: '{"city":"Porto"}' },
                },
              ],
            },
            finish_reason: "tool_calls",
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 },
      },
      { response: "Hello", usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 } },
    ];
    const streamed = [
      sseText([
        {
          choices: [
            { index: 0, delta: { reasoning_content: "Let me think.", content: "It is sunny." } },
          ],
        },
        {
          choices: [
            {
              index: 0,
              delta: {
                tool_calls: [
                  {
                    index: 0,
                    id: "call_9",
                    type: "function",
                    function: { name: "weather", arguments: '{"city":"Porto"}' },
                  },
                ],
              },
              finish_reason: "tool_calls",
            },
          ],
        },
        { response: "", usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 } },
      ]),
      sseText([
        { response: "Hello" },
        { response: "", usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 } },
      ]),
    ];
    for (const [index, answer] of answers.entries()) {
      for (const form of ["object", "bytes"]) {
        const ai = createAi(
          fakeBinding(() => (form === "object" ? answer : byteStream([JSON.stringify(answer)]))),
        );
        const events = await ai.stream(gptOss, { messages }).toArray();
        const expected = await decodeChatStream(byteStream([streamed[index] as string])).toArray();
        expect(events).toEqual(expected);
      }
    }
  });

  test("the first text delta reaches the caller while the source stalls", async () => {
    let cancelled = false;
    const ai = createAi(
      fakeBinding(() =>
        sseStream(nativeChunks("first second"), {
          stallAfter: 1,
          onCancel: () => (cancelled = true),
        }),
      ),
    );
    const stream = ai.stream(scout, { messages });
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({
      done: false,
      value: { type: "text-delta", text: "first " },
    });
    await reader.cancel();
    expect(cancelled).toBe(true);
    await expect(stream.text).rejects.toMatchObject({ kind: "aborted" });
  });

  test("leaving a for await loop early cancels the upstream body", async () => {
    let reason: unknown = "not cancelled";
    const ai = createAi(
      fakeBinding(() => sseStream(nativeChunks("a b c d"), { onCancel: (r) => (reason = r) })),
    );
    const stream = ai.stream(scout, { messages });
    for await (const event of stream) {
      expect(event.type).toBe("text-delta");
      break;
    }
    expect(reason).not.toBe("not cancelled");
    await expect(stream.output).rejects.toMatchObject({ kind: "aborted" });
  });

  test("aborting the signal cancels the upstream body and errors the stream", async () => {
    let cancelled = false;
    const controller = new AbortController();
    const ai = createAi(
      fakeBinding(() =>
        sseStream(nativeChunks("a b"), { stallAfter: 1, onCancel: () => (cancelled = true) }),
      ),
    );
    const stream = ai.stream(scout, { messages }, { signal: controller.signal });
    const reader = stream.getReader();
    await reader.read();
    const next = reader.read();
    controller.abort();
    await expect(next).rejects.toMatchObject({ kind: "aborted" });
    expect(cancelled).toBe(true);
  });

  test("a timeout cancels a stalled stream", async () => {
    let cancelled = false;
    const ai = createAi(
      fakeBinding(() =>
        sseStream(nativeChunks("a b"), { stallAfter: 1, onCancel: () => (cancelled = true) }),
      ),
    );
    const stream = ai.stream(scout, { messages }, { timeoutMs: 30 });
    await expect(stream.text).rejects.toMatchObject({ kind: "timeout" });
    expect(cancelled).toBe(true);
  });

  test("retries before the answer starts, never after a chunk was delivered", async () => {
    const binding = fakeBinding((_, index) => {
      if (index === 0) throw upstreamError(3040);
      return sseStream(nativeChunks("a b c"), { failAfter: 1 });
    });
    const ai = createAi(binding, { retry: { initialDelayMs: 1 } });
    const stream = ai.stream(scout, { messages });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["text-delta"]);
    expect(AiClientError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: "network" });
    expect(binding.calls).toHaveLength(2);
    await expect(stream.text).rejects.toMatchObject({ kind: "network" });
  });

  test("an error before the answer starts errors the stream, typed", async () => {
    const ai = createAi(fakeBinding(() => Promise.reject(upstreamError(5007, "no such model"))));
    const stream = ai.stream("@cf/nobody/nothing", { messages });
    await expect(stream.toArray()).rejects.toMatchObject({ kind: "upstream", code: 5007 });
    await expect(stream.text).rejects.toMatchObject({ code: 5007 });
  });

  test("a truncated stream finishes as truncated, never as success", async () => {
    const ai = createAi(fakeBinding(() => sseStream([{ response: "cut" }], { done: false })));
    const stream = ai.stream(scout, { messages });
    expect(await stream.finishReason).toBe("truncated");
  });

  test("a malformed stream ends with a typed error", async () => {
    const ai = createAi(
      fakeBinding(() => byteStream(['data: {"response":"ok"}\n\n', "data: {oops\n\n"])),
    );
    const stream = ai.stream(scout, { messages });
    const events: unknown[] = [];
    const error = await (async () => {
      for await (const event of stream) events.push(event);
    })().catch((e: unknown) => e);
    expect(events).toEqual([{ type: "text-delta", text: "ok" }]);
    expect(error).toMatchObject({ name: "AiClientError", kind: "invalid-stream" });
    await expect(stream.output).rejects.toMatchObject({ kind: "invalid-stream" });
  });

  test("streams tool calls in both wire formats", async () => {
    const native = [
      {
        response: "",
        tool_calls: [
          {
            id: "c1",
            type: "function",
            index: 0,
            function: { name: "weather", arguments: '{"city":' },
          },
        ],
      },
      { response: "", tool_calls: [{ index: 0, function: { arguments: '"Porto"}' } }] },
      { response: "", finish_reason: "tool_calls" },
    ];
    const openAI = [
      {
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index: 0,
                  id: "c1",
                  type: "function",
                  function: { name: "weather", arguments: '{"ci' },
                },
              ],
            },
          },
        ],
      },
      {
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 0, function: { arguments: 'ty":"Porto"}' } }] },
            finish_reason: "tool_calls",
          },
        ],
      },
    ];
    for (const chunks of [native, openAI]) {
      const ai = createAi(fakeBinding(() => sseStream(chunks)));
      const stream = ai.stream(scout, { messages });
      const expected = await collectChatStream(decodeChatStream(sseStream(chunks)));
      expect(await stream.output).toEqual(expected);
      expect((await stream.toolCalls)[0]).toMatchObject({
        name: "weather",
        arguments: { city: "Porto" },
      });
      expect(await stream.finishReason).toBe("tool-calls");
    }
  });

  test("refuses an invalid input at once, before sending", () => {
    const binding = fakeBinding(() => sseStream([]));
    const ai = createAi(binding);
    expect(() => ai.stream(scout, null as never)).toThrow(AiClientError);
    expect(binding.calls).toHaveLength(0);
  });
});
