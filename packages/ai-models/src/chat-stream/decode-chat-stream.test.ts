import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  byteStream,
  cut,
  encodeText,
  fixture,
  fixtures,
  multilingual,
  openAIChunk,
  runningUsage,
  sseText,
} from "../../test/chat-stream/fixtures.js";
import { AiModelsError } from "../ai-models-error.js";
import type { ChatStreamEvent } from "./chat-stream-event.js";
import { collectChatStream } from "./collect-chat-stream.js";
import { decodeChatStream } from "./decode-chat-stream.js";

const decode = (chunks: readonly unknown[], options: { done?: boolean } = {}) =>
  decodeChatStream(new Response(sseText(chunks, options))).toArray();

const types = (events: readonly ChatStreamEvent[]) => events.map((event) => event.type);

describe("fixtures of every family", () => {
  for (const fixture of fixtures) {
    test(fixture.name, async () => {
      const events = await decode(fixture.chunks, { done: fixture.done });
      const output = await collectChatStream(
        decodeChatStream(new Response(sseText(fixture.chunks, { done: fixture.done }))),
      );
      expect(output.text).toBe(fixture.text);
      expect(output.reasoning).toBe(fixture.reasoning);
      expect(output.finishReason).toBe(fixture.finishReason);
      expect(output.usage?.totalTokens).toBe(fixture.totalTokens);
      expect(
        output.toolCalls.map(({ id, name, rawArguments, arguments: args }) => ({
          id,
          name,
          rawArguments,
          arguments: args,
        })),
      ).toEqual(fixture.toolCalls);
      // Exactly one finish, last; usage (when reported) just before it.
      expect(types(events).filter((type) => type === "finish")).toHaveLength(1);
      expect(events.at(-1)?.type).toBe("finish");
      const usages = types(events).filter((type) => type === "usage");
      expect(usages).toHaveLength(fixture.totalTokens === undefined ? 0 : 1);
      if (usages.length) expect(events.at(-2)?.type).toBe("usage");
    });
  }

  test("a native stream decodes to its deltas, usage and finish, in order", async () => {
    const events = await decode([
      { response: "Hel", p: "abcdefghijklmnopqr" },
      { response: "lo", p: "abcdef" },
      { response: "", tool_calls: [], p: "abc" },
      { response: "", usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } },
    ]);
    expect(events).toEqual([
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo" },
      {
        type: "usage",
        promptTokens: 9,
        completionTokens: 2,
        totalTokens: 11,
        raw: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
      },
      { type: "finish", reason: "stop" },
    ]);
  });

  test("tool call events: start, deltas as they arrived, then the complete call", async () => {
    const { chunks } = fixture("OpenAI text, then two streamed tool calls with the null sentinel");
    const events = await decode(chunks);
    expect(events.slice(2, 6)).toEqual([
      { type: "tool-call-start", index: 0, id: "call_a", name: "weather" },
      { type: "tool-call-delta", index: 0, id: "call_a", argumentsDelta: '{"city": "Kö' },
      { type: "tool-call-delta", index: 0, id: "call_a", argumentsDelta: 'ln"}' },
      {
        type: "tool-call",
        index: 0,
        id: "call_a",
        name: "weather",
        rawArguments: '{"city": "Köln"}',
        arguments: { city: "Köln" },
      },
    ]);
  });

  test("the usage event keeps cached tokens, neurons and the raw object", async () => {
    const usage = {
      prompt_tokens: 147,
      completion_tokens: 16,
      total_tokens: 163,
      prompt_tokens_details: { cached_tokens: 100 },
      neurons: 1.772,
      some_new_count: 5,
    };
    const events = await decode([{ response: "x" }, { response: "", usage }]);
    expect(events.at(-2)).toEqual({
      type: "usage",
      promptTokens: 147,
      completionTokens: 16,
      totalTokens: 163,
      cachedTokens: 100,
      neurons: 1.772,
      raw: usage,
    });
  });

  test("finish reasons are normalized, with the wire's value in raw", async () => {
    const reasonOf = async (raw: string) =>
      (await decode([openAIChunk({ content: "x" }, { finish_reason: raw })])).at(-1);
    expect(await reasonOf("stop")).toEqual({ type: "finish", reason: "stop", raw: "stop" });
    expect(await reasonOf("model_length")).toMatchObject({ reason: "length" });
    expect(await reasonOf("tool_calls")).toMatchObject({ reason: "tool-calls" });
    expect(await reasonOf("content_filter")).toMatchObject({ reason: "content-filter" });
    expect(await reasonOf("error")).toMatchObject({ reason: "error" });
    expect(await reasonOf("unknown")).toEqual({ type: "finish", reason: "other", raw: "unknown" });
  });

  test("a tool call whose name comes after its first arguments starts once the name arrives", async () => {
    const events = await decode([
      openAIChunk({ tool_calls: [{ index: 0, id: "c", function: { arguments: '{"a"' } }] }),
      openAIChunk({ tool_calls: [{ index: 0, function: { name: "f", arguments: ":1}" } }] }),
    ]);
    expect(events.slice(0, 4)).toEqual([
      { type: "tool-call-start", index: 0, id: "c", name: "f" },
      { type: "tool-call-delta", index: 0, id: "c", argumentsDelta: '{"a"' },
      { type: "tool-call-delta", index: 0, id: "c", argumentsDelta: ":1}" },
      {
        type: "tool-call",
        index: 0,
        id: "c",
        name: "f",
        rawArguments: '{"a":1}',
        arguments: { a: 1 },
      },
    ]);
  });
});

describe("lessons from the peers", () => {
  const start = { index: 0, id: "call_1", type: "function", function: { name: "f" } };
  const args = (text: string, index = 0) =>
    openAIChunk({ tool_calls: [{ index, function: { arguments: text } }] });
  const completeAt = (events: readonly ChatStreamEvent[]) =>
    events.findIndex((event) => event.type === "tool-call");

  test("never closes a tool call because its partial arguments parse as JSON", async () => {
    // "12" parses as JSON, and so does '{"a":1}' before the trailing space.
    const events = await decode([
      openAIChunk({ tool_calls: [start] }),
      args("12"),
      args("34"),
      openAIChunk({ tool_calls: [{ ...start, index: 1, id: "call_2" }] }),
      args('{"a":1}', 1),
      args(" ", 1),
      openAIChunk({}, { finish_reason: "tool_calls" }),
    ]);
    const calls = events.filter((event) => event.type === "tool-call");
    expect(calls.map((call) => [call.rawArguments, call.arguments])).toEqual([
      ["1234", 1234],
      ['{"a":1} ', { a: 1 }],
    ]);
    // Each call completes after its last delta.
    expect(types(events)).toEqual([
      "tool-call-start",
      "tool-call-delta",
      "tool-call-delta",
      "tool-call",
      "tool-call-start",
      "tool-call-delta",
      "tool-call-delta",
      "tool-call",
      "finish",
    ]);
  });

  test("closes a tool call on an index change", async () => {
    const events = await decode([
      openAIChunk({ tool_calls: [start] }),
      args("{}"),
      openAIChunk({ tool_calls: [{ ...start, index: 1, id: "call_2" }] }),
    ]);
    // The first call completes as soon as the second begins, before anything else.
    expect(types(events).slice(0, 4)).toEqual([
      "tool-call-start",
      "tool-call-delta",
      "tool-call",
      "tool-call-start",
    ]);
  });

  test("closes the active tool call on the null sentinel", async () => {
    const events = await decode([
      openAIChunk({ tool_calls: [start] }),
      args('{"x":1}'),
      openAIChunk({ tool_calls: [{ id: null, type: null, function: { name: null } }] }),
      openAIChunk({ content: "after" }),
    ]);
    expect(types(events)).toEqual([
      "tool-call-start",
      "tool-call-delta",
      "tool-call",
      "text-delta",
      "finish",
    ]);
  });

  test("closes a tool call on a finish reason", async () => {
    const events = await decode([
      openAIChunk({ tool_calls: [start] }),
      args('{"x":1}'),
      openAIChunk({}, { finish_reason: "tool_calls" }),
      { response: "", usage: { total_tokens: 3 } },
    ]);
    expect(types(events)).toEqual([
      "tool-call-start",
      "tool-call-delta",
      "tool-call",
      "usage",
      "finish",
    ]);
  });

  test("closes a tool call at the end of the stream", async () => {
    const events = await decode([openAIChunk({ tool_calls: [start] }), args('{"x":1}')]);
    expect(completeAt(events)).toBe(2);
    expect(events.at(-1)).toEqual({ type: "finish", reason: "tool-calls" });
  });

  test("merges duplicate indexes within one chunk", async () => {
    const events = await decode([
      openAIChunk({
        tool_calls: [
          start,
          { index: 0, function: { arguments: '{"a":' } },
          { index: 0, function: { arguments: "1}" } },
        ],
      }),
    ]);
    expect(events.filter((event) => event.type === "tool-call")).toEqual([
      {
        type: "tool-call",
        index: 0,
        id: "call_1",
        name: "f",
        rawArguments: '{"a":1}',
        arguments: { a: 1 },
      },
    ]);
    expect(types(events).filter((type) => type === "tool-call-start")).toHaveLength(1);
  });

  test("accepts object-valued arguments", async () => {
    const events = await decode([
      openAIChunk({
        tool_calls: [{ ...start, function: { name: "f", arguments: { a: [1, "é"] } } }],
      }),
    ]);
    expect(events[1]).toEqual({
      type: "tool-call-delta",
      index: 0,
      id: "call_1",
      argumentsDelta: '{"a":[1,"é"]}',
    });
    expect(events[2]).toMatchObject({ arguments: { a: [1, "é"] } });
  });

  test("streams tool calls as they arrive", async () => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
    });
    const reader = decodeChatStream(source).getReader();
    controller.enqueue(
      encodeText(sseText([openAIChunk({ tool_calls: [start] }), args('{"a"')], { done: false })),
    );
    expect((await reader.read()).value).toEqual({
      type: "tool-call-start",
      index: 0,
      id: "call_1",
      name: "f",
    });
    expect((await reader.read()).value).toMatchObject({
      type: "tool-call-delta",
      argumentsDelta: '{"a"',
    });
    controller.enqueue(encodeText(sseText([args(":1}")])));
    controller.close();
    expect((await reader.read()).value).toMatchObject({ argumentsDelta: ":1}" });
    expect((await reader.read()).value).toMatchObject({ type: "tool-call", arguments: { a: 1 } });
  });

  test("usage that was not reported is undefined, not 0", async () => {
    const events = await decode([{ response: "Hi" }]);
    expect(types(events)).toEqual(["text-delta", "finish"]);
    const output = await collectChatStream(
      decodeChatStream(new Response(sseText([{ response: "Hi" }]))),
    );
    expect(output.usage).toBeUndefined();
    // A count missing from a usage object is absent too.
    const partial = await decode([{ response: "", usage: { total_tokens: 5 } }]);
    expect(partial[0]).toEqual({ type: "usage", totalTokens: 5, raw: { total_tokens: 5 } });
  });

  test("does not sum per-chunk usage with the final trailer: the trailer's totals win", async () => {
    const { chunks } = fixture(
      "OpenAI chunks with per-chunk usage, choices: [] and the native trailer (Gemma 4 capture)",
    );
    const events = await decode(chunks);
    expect(events.at(-2)).toMatchObject({
      type: "usage",
      promptTokens: 147,
      completionTokens: 16,
      totalTokens: 163,
      cachedTokens: 0,
      neurons: 1.772,
    });
  });

  test("sums per-chunk usage only when no trailer came", async () => {
    const usage = (prompt: number, completion: number) => ({
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
    });
    const events = await decode([
      openAIChunk({ content: "a" }, { usage: usage(10, 1) }),
      openAIChunk({ content: "b" }, { usage: usage(0, 1) }),
      openAIChunk({}, { finish_reason: "stop", usage: usage(0, 1) }),
    ]);
    expect(events.at(-2)).toMatchObject({ promptTokens: 10, completionTokens: 3, totalTokens: 13 });
  });

  test("a stream with neither [DONE] nor a finish reason is truncated, not a success", async () => {
    const events = await decode([{ response: "Hel" }, { response: "lo" }], { done: false });
    expect(events.at(-1)).toEqual({ type: "finish", reason: "truncated" });
    // An empty body too.
    expect(await decodeChatStream(new Response("")).toArray()).toEqual([
      { type: "finish", reason: "truncated" },
    ]);
    // [DONE] alone, or a finish reason alone, is a complete answer.
    expect((await decode([{ response: "Hi" }])).at(-1)).toEqual({ type: "finish", reason: "stop" });
    expect(
      (
        await decode([openAIChunk({ content: "Hi" }, { finish_reason: "stop" })], { done: false })
      ).at(-1),
    ).toEqual({ type: "finish", reason: "stop", raw: "stop" });
  });

  test("decodes bytes as bytes: UTF-8 characters and CR, LF, CRLF split across chunks", async () => {
    const chunks = multilingual.map((response) => ({ response }));
    for (const lineBreak of ["\n", "\r\n", "\r"]) {
      const bytes = encodeText(sseText(chunks, { lineBreak }));
      // Every single cut point, and every byte in its own chunk.
      const cuttings = [
        ...Array.from({ length: bytes.length - 1 }, (_, i) => cut(bytes, [i + 1])),
        cut(bytes, Array.from(bytes.keys())),
      ];
      for (const pieces of cuttings) {
        const output = await collectChatStream(decodeChatStream(byteStream(pieces)));
        expect(output.text).toBe(multilingual.join(""));
        expect(output.finishReason).toBe("stop");
      }
    }
  });

  test("errors are surfaced and typed: name, code, data, marker-based isInstance", async () => {
    const body = 'data: {"response":"ok"}\n\ndata: {oops\n\ndata: [DONE]\n\n';
    const seen: ChatStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of decodeChatStream(new Response(body))) seen.push(event);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ type: "text-delta", text: "ok" }]);
    expect(AiModelsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: "AiModelsError", code: "invalid-json", data: "{oops" });
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    // isInstance recognizes an error from another copy of the package, by its marker.
    expect(AiModelsError.isInstance({ [Symbol.for("wai.AiModelsError")]: true })).toBe(true);
    expect(AiModelsError.isInstance(new Error("x"))).toBe(false);
    expect(AiModelsError.isInstance(undefined)).toBe(false);
  });

  test("a bad event errors the stream after the events before it, also through getReader", async () => {
    const body = `${sseText([{ response: "a" }, { response: "b" }], { done: false })}data: {oops\n\n`;
    const source = byteStream([encodeText(body)]);
    const reader = decodeChatStream(source).getReader();
    expect((await reader.read()).value).toEqual({ type: "text-delta", text: "a" });
    // However late the next read comes, the stream's queue still holds "b".
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await reader.read()).value).toEqual({ type: "text-delta", text: "b" });
    await expect(reader.read()).rejects.toMatchObject({ code: "invalid-json" });
    expect(source.cancelled()).toBeDefined();
  });

  test("the events of one chunk are decoded together, and the next chunk waits", async () => {
    const source = byteStream([
      encodeText(sseText([{ response: "a" }, { response: "b" }], { done: false })),
      encodeText(sseText([{ response: "c" }])),
    ]);
    const iterator = decodeChatStream(source)[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ type: "text-delta", text: "a" });
    expect((await iterator.next()).value).toEqual({ type: "text-delta", text: "b" });
    expect(source.pulls()).toBe(1);
    expect((await iterator.next()).value).toEqual({ type: "text-delta", text: "c" });
    expect(source.pulls()).toBe(2);
  });

  test("a chunk that is not an object is an invalid-chunk error", async () => {
    await expect(decode([{ response: "a" }, 42])).rejects.toMatchObject({
      name: "AiModelsError",
      code: "invalid-chunk",
      data: 42,
    });
  });

  test("a Response that is not ok is an http-error", async () => {
    const response = new Response('{"errors":[{"code":3040}]}', { status: 429 });
    await expect(decodeChatStream(response).toArray()).rejects.toMatchObject({
      code: "http-error",
      data: { status: 429 },
    });
  });

  test("invalid UTF-8 is an error, never U+FFFD", async () => {
    const bytes = new Uint8Array([
      ...encodeText('data: {"response":"'),
      0xff,
      ...encodeText('"}\n\n'),
    ]);
    await expect(decodeChatStream(byteStream([bytes])).toArray()).rejects.toMatchObject({
      code: "invalid-utf8",
    });
  });

  test("with onInvalid, bad events are skipped and reported, not dropped silently", async () => {
    const reported: string[] = [];
    const body = `data: {oops\n\ndata: 7\n\n${sseText([{ response: "ok" }])}`;
    const events = await decodeChatStream(new Response(body), {
      onInvalid: (error) => reported.push(`${error.name}:${error.code}`),
    }).toArray();
    expect(reported).toEqual(["AiModelsError:invalid-json", "AiModelsError:invalid-chunk"]);
    expect(events).toEqual([
      { type: "text-delta", text: "ok" },
      { type: "finish", reason: "stop" },
    ]);
  });

  test("the source's own error passes through as it is", async () => {
    const failure = new DOMException("aborted", "AbortError");
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encodeText(sseText([{ response: "a" }], { done: false })));
        controller.error(failure);
      },
    });
    await expect(decodeChatStream(source).toArray()).rejects.toBe(failure);
  });

  test("tool arguments that are not JSON are a typed failure on the tool-call event", async () => {
    const events = await decode([openAIChunk({ tool_calls: [start] }), args('{"a": nope}')]);
    const call = events.find((event) => event.type === "tool-call");
    expect(call?.arguments).toBeUndefined();
    expect(AiModelsError.isInstance(call?.argumentsError)).toBe(true);
    expect(call?.argumentsError).toMatchObject({
      code: "invalid-tool-arguments",
      data: '{"a": nope}',
    });
  });

  test("leaving the loop early cancels the input", async () => {
    const source = byteStream([encodeText(sseText([{ response: "a" }, { response: "b" }]))]);
    for await (const event of decodeChatStream(source)) {
      expect(event).toEqual({ type: "text-delta", text: "a" });
      break;
    }
    expect(source.cancelled()).toBeDefined();
  });

  test("one consumer, not teed: the input is read only as events are, and cancelled with them", async () => {
    const events = Array.from({ length: 50 }, (_, i) => ({ response: `${i} ` }));
    const source = byteStream(events.map((event) => encodeText(sseText([event], { done: false }))));
    const decoded = decodeChatStream(source);
    // Nobody else can read the input: the decoder holds its only reader.
    expect(source.locked).toBe(true);
    expect(() => source.getReader()).toThrow(TypeError);
    const reader = decoded.getReader();
    expect((await reader.read()).value).toEqual({ type: "text-delta", text: "0 " });
    expect((await reader.read()).value).toEqual({ type: "text-delta", text: "1 " });
    // Nothing was read ahead into a second branch: one chunk per event asked for.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(source.pulls()).toBe(2);
    // Cancelling the only consumer cancels the input, with its reason (a tee would keep
    // the input open for its other branch).
    await reader.cancel("enough");
    expect(source.cancelled()).toEqual({ reason: "enough" });
  });

  test("never mutates the decoded chunks' source bytes", async () => {
    const bytes = encodeText(
      sseText(fixture("OpenAI text, then two streamed tool calls with the null sentinel").chunks),
    );
    const copy = bytes.slice();
    await decodeChatStream(byteStream(cut(bytes, [7, 100, 301]))).toArray();
    expect(bytes).toEqual(copy);
  });
});

describe("per-chunk usage, in both conventions", () => {
  const usageOf = async (chunks: readonly unknown[]) => {
    const events = await decode(chunks);
    return events.find((event) => event.type === "usage");
  };
  const incremental = (prompt: number, completion: number) => ({
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    neurons: prompt ? 1 : 0.25,
  });

  test("incremental counts (each chunk's own tokens) are summed", async () => {
    const usage = await usageOf([
      openAIChunk({ content: "a" }, { usage: incremental(147, 0) }),
      openAIChunk({ content: "b" }, { usage: incremental(0, 1) }),
      openAIChunk({ content: "c" }, { usage: incremental(0, 1) }),
      openAIChunk({}, { finish_reason: "stop", usage: incremental(0, 1) }),
    ]);
    expect(usage).toEqual({
      type: "usage",
      promptTokens: 147,
      completionTokens: 3,
      totalTokens: 150,
      neurons: 1.75,
      raw: incremental(0, 1),
    });
  });

  test("cumulative counts (running totals, vLLM style) are the last chunk's", async () => {
    const last = { ...runningUsage(147, 3), neurons: 1.9 };
    const usage = await usageOf([
      openAIChunk({ content: "a" }, { usage: runningUsage(147, 1) }),
      openAIChunk({ content: "b" }, { usage: runningUsage(147, 2) }),
      openAIChunk({ content: "c" }, { usage: runningUsage(147, 3) }),
      openAIChunk({}, { finish_reason: "stop", usage: runningUsage(147, 3) }),
      { choices: [], usage: last },
    ]);
    expect(usage).toEqual({
      type: "usage",
      promptTokens: 147,
      completionTokens: 3,
      totalTokens: 150,
      cachedTokens: 0,
      neurons: 1.9,
      raw: last,
    });
  });

  test("the native trailer's totals win over either convention", async () => {
    const trailer = {
      response: "",
      usage: { prompt_tokens: 150, completion_tokens: 9, total_tokens: 159 },
    };
    for (const perChunk of [incremental, runningUsage]) {
      const usage = await usageOf([
        openAIChunk({ content: "a" }, { usage: perChunk(147, 1) }),
        openAIChunk({}, { finish_reason: "stop", usage: perChunk(147, 2) }),
        trailer,
      ]);
      expect(usage).toMatchObject({ promptTokens: 150, completionTokens: 9, totalTokens: 159 });
    }
  });

  test("the rule's edges: a decrease, a prompt that changes or is 0, a missing count", async () => {
    // The prompt repeats but a count decreases: not running totals, so summed.
    expect(
      await usageOf([
        openAIChunk({ content: "a" }, { usage: runningUsage(10, 5) }),
        openAIChunk({ content: "b" }, { usage: runningUsage(10, 3) }),
      ]),
    ).toMatchObject({ promptTokens: 20, completionTokens: 8, totalTokens: 28 });
    // The prompt changes: summed.
    expect(
      await usageOf([
        openAIChunk({ content: "a" }, { usage: runningUsage(10, 1) }),
        openAIChunk({ content: "b" }, { usage: runningUsage(11, 2) }),
      ]),
    ).toMatchObject({ promptTokens: 21, completionTokens: 3 });
    // No prompt count above 0: the conventions cannot be told apart, so summed.
    expect(
      await usageOf([
        openAIChunk({ content: "a" }, { usage: incremental(0, 1) }),
        openAIChunk({ content: "b" }, { usage: incremental(0, 1) }),
      ]),
    ).toMatchObject({ promptTokens: 0, completionTokens: 2, totalTokens: 2 });
    // A count that disappears is a decrease: summed.
    expect(
      await usageOf([
        openAIChunk({ content: "a" }, { usage: runningUsage(10, 1) }),
        openAIChunk({ content: "b" }, { usage: { prompt_tokens: 10 } }),
      ]),
    ).toMatchObject({ promptTokens: 20, completionTokens: 1 });
    // Nothing decreases and the prompt repeats, even with no new tokens: running totals.
    expect(
      await usageOf([
        openAIChunk({ content: "a" }, { usage: runningUsage(10, 0) }),
        openAIChunk({ content: "b" }, { usage: runningUsage(10, 0) }),
      ]),
    ).toMatchObject({ promptTokens: 10, completionTokens: 0, totalTokens: 10 });
  });

  test("counts never reported stay absent in both conventions, not 0", async () => {
    const running = (completion: number) => ({ prompt_tokens: 9, completion_tokens: completion });
    const usage = await usageOf([
      openAIChunk({ content: "a" }, { usage: running(1) }),
      openAIChunk({ content: "b" }, { usage: running(2) }),
    ]);
    expect(usage).toEqual({ type: "usage", promptTokens: 9, completionTokens: 2, raw: running(2) });
    const summed = await usageOf([
      openAIChunk({ content: "a" }, { usage: { completion_tokens: 1 } }),
      openAIChunk({ content: "b" }, { usage: { completion_tokens: 1 } }),
    ]);
    expect(summed).toEqual({ type: "usage", completionTokens: 2, raw: { completion_tokens: 1 } });
    expect(
      await usageOf([openAIChunk({ content: "a" }, { usage: null as never })]),
    ).toBeUndefined();
  });

  test("property: any tokens per chunk, either convention, with or without trailer, any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom("incremental", "cumulative"),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (prompt, tokens, convention, trailer, offsets) => {
          let completion = 0;
          const chunks: unknown[] = tokens.map((count, i) => {
            completion += count;
            const usage =
              convention === "cumulative"
                ? runningUsage(prompt, completion)
                : {
                    prompt_tokens: i === 0 ? prompt : 0,
                    completion_tokens: count,
                    total_tokens: (i === 0 ? prompt : 0) + count,
                  };
            return openAIChunk({ content: "x".repeat(count) }, { usage });
          });
          if (trailer) {
            chunks.push({
              response: "",
              usage: {
                prompt_tokens: prompt,
                completion_tokens: completion,
                total_tokens: prompt + completion,
              },
            });
          }
          const bytes = encodeText(sseText(chunks));
          const events = await decodeChatStream(
            byteStream(
              cut(
                bytes,
                offsets.map((offset) => offset % bytes.length),
              ),
            ),
          ).toArray();
          const usages = events.filter((event) => event.type === "usage");
          expect(usages).toHaveLength(1);
          expect(usages[0]).toMatchObject({
            promptTokens: prompt,
            completionTokens: completion,
            totalTokens: prompt + completion,
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("an answer that was not streamed", () => {
  const answer = {
    response: "Hello",
    usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
  };

  test("a JSON body errors the stream with a typed error saying so, carrying the answer", async () => {
    for (const body of [
      JSON.stringify(answer),
      `\n${JSON.stringify(answer, null, 2)}\n`,
      `\uFEFF${JSON.stringify(answer)}`,
    ]) {
      const error = await decodeChatStream(new Response(body))
        .toArray()
        .catch((e: unknown) => e);
      expect(AiModelsError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ name: "AiModelsError", code: "invalid-output", data: answer });
      expect((error as Error).message).toMatch(/^The answer was not streamed: its body is JSON/);
      expect((error as Error).message).toMatch(/normalizeChatOutput.*without stream: true/);
    }
  });

  test("whatever the chunking, and even with onInvalid, which skips bad lines only", async () => {
    const bytes = encodeText(JSON.stringify(answer, null, 2));
    const reported: unknown[] = [];
    for (const point of [1, 2, 10, bytes.length - 1]) {
      const source = byteStream(cut(bytes, [point]));
      await expect(
        decodeChatStream(source, { onInvalid: (error) => reported.push(error) }).toArray(),
      ).rejects.toMatchObject({ code: "invalid-output", data: answer });
    }
    expect(reported).toEqual([]);
  });

  test("a JSON body that is not even valid JSON is reported with its text", async () => {
    await expect(
      decodeChatStream(new Response('{"response": "Hel')).toArray(),
    ).rejects.toMatchObject({
      code: "invalid-output",
      data: '{"response": "Hel',
    });
  });

  test("a malformed first line that starts with { followed by events is a malformed SSE line", async () => {
    const body = `{oops\n{again\n\n${sseText([{ response: "ok" }])}`;
    await expect(decodeChatStream(new Response(body)).toArray()).rejects.toMatchObject({
      name: "TypedStreamError",
      code: "invalid-sse-line",
      data: "{oops",
    });
    const reported: unknown[] = [];
    const events = await decodeChatStream(new Response(body), {
      onInvalid: (error) => reported.push(error.data),
    }).toArray();
    expect(reported).toEqual(["{oops", "{again"]);
    expect(events).toEqual([
      { type: "text-delta", text: "ok" },
      { type: "finish", reason: "stop" },
    ]);
  });

  test("SSE that merely contains braces, or starts with blank lines or a comment, is SSE", async () => {
    const body = `\n\n: keep-alive\n\n${sseText([{ response: "{" }])}`;
    expect(await decodeChatStream(new Response(body)).toArray()).toEqual([
      { type: "text-delta", text: "{" },
      { type: "finish", reason: "stop" },
    ]);
  });
});

describe("decodeChatStream of a promised body", () => {
  test("decodes what the promise gives, and errors with what it rejects with", async () => {
    const body = Promise.resolve(
      new Response('data: {"response":"Hi"}\n\ndata: {"response":"!"}\n\ndata: [DONE]\n\n'),
    );
    const texts = (await decodeChatStream(body).toArray()).flatMap((event) =>
      event.type === "text-delta" ? [event.text] : [],
    );
    expect(texts.join("")).toBe("Hi!");
    const failure = new Error("3040: Capacity temporarily exceeded");
    await expect(decodeChatStream(Promise.reject(failure)).toArray()).rejects.toBe(failure);
  });
});
