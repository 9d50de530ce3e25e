// Property tests: for every fixture, every re-chunking of its bytes (and every line
// break style) gives the same events, and no text and no argument byte is lost or
// duplicated.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  byteStream,
  cut,
  encodeText,
  fixtures,
  openAIChunk,
  sseText,
} from "../../test/chat-stream/fixtures.js";
import type { ChatStreamEvent } from "./chat-stream-event.js";
import { decodeChatStream } from "./decode-chat-stream.js";

/** Concatenates every delta, per kind: text, reasoning, and each call's arguments. */
function concatenated(events: readonly ChatStreamEvent[]) {
  let text = "";
  let reasoning = "";
  const args: string[] = [];
  for (const event of events) {
    if (event.type === "text-delta") text += event.text;
    else if (event.type === "reasoning-delta") reasoning += event.text;
    else if (event.type === "tool-call-delta")
      args[event.index] = (args[event.index] ?? "") + event.argumentsDelta;
  }
  return { text, reasoning, args };
}

describe("every re-chunking of a fixture gives the same events", () => {
  for (const fixture of fixtures) {
    test(fixture.name, async () => {
      const reference = await decodeChatStream(
        new Response(sseText(fixture.chunks, { done: fixture.done })),
      ).toArray();
      // Nothing lost or duplicated in the reference itself.
      const whole = concatenated(reference);
      expect(whole.text).toBe(fixture.text);
      expect(whole.reasoning).toBe(fixture.reasoning);
      expect(whole.args.filter((a) => a !== undefined)).toEqual(
        fixture.toolCalls.map((call) => call.rawArguments).filter((a) => a !== ""),
      );

      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("\n", "\r\n", "\r"),
          fc.array(fc.nat(), { maxLength: 40 }),
          async (lineBreak, offsets) => {
            const bytes = encodeText(sseText(fixture.chunks, { lineBreak, done: fixture.done }));
            const points = offsets.map((offset) => offset % bytes.length);
            const events = await decodeChatStream(byteStream(cut(bytes, points))).toArray();
            expect(events).toEqual(reference);
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});

describe("no text and no argument byte is lost or duplicated", () => {
  const pieces = fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { maxLength: 12 });

  test("native text, any pieces, any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(pieces, fc.array(fc.nat(), { maxLength: 30 }), async (texts, offsets) => {
        const chunks = texts.map((response, i) => ({ response, p: "x".repeat(i % 5) }));
        const bytes = encodeText(sseText(chunks));
        const events = await decodeChatStream(
          byteStream(
            cut(
              bytes,
              offsets.map((o) => o % bytes.length),
            ),
          ),
        ).toArray();
        expect(concatenated(events).text).toBe(texts.join(""));
        expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
      }),
      { numRuns: 150 },
    );
  });

  test("OpenAI reasoning, text and tool call arguments, any pieces, any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        pieces,
        pieces,
        fc.array(pieces, { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        async (reasoning, texts, calls, offsets) => {
          const chunks = [
            ...reasoning.map((piece, i) =>
              openAIChunk(i % 2 ? { reasoning: piece } : { reasoning_content: piece }),
            ),
            ...texts.map((content) => openAIChunk({ content })),
            ...calls.flatMap((fragments, index) => [
              openAIChunk({
                tool_calls: [
                  { index, id: `id${index}`, type: "function", function: { name: "f" } },
                ],
              }),
              ...fragments.map((piece) =>
                openAIChunk({ tool_calls: [{ index, function: { arguments: piece } }] }),
              ),
            ]),
            openAIChunk({}, { finish_reason: calls.length ? "tool_calls" : "stop" }),
          ];
          const bytes = encodeText(sseText(chunks));
          const events = await decodeChatStream(
            byteStream(
              cut(
                bytes,
                offsets.map((o) => o % bytes.length),
              ),
            ),
          ).toArray();
          const got = concatenated(events);
          expect(got.reasoning).toBe(reasoning.join(""));
          expect(got.text).toBe(texts.join(""));
          const complete = events.filter((event) => event.type === "tool-call");
          expect(complete.map((call) => call.rawArguments)).toEqual(calls.map((c) => c.join("")));
          for (const call of complete) expect(got.args[call.index] ?? "").toBe(call.rawArguments);
        },
      ),
      { numRuns: 150 },
    );
  });
});
