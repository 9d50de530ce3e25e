import { collectChatStream, decodeChatStream } from "@wai/ai-models";
import { registry } from "@wai/ai-models/registry";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { createEmulator } from "../src/index.js";
import { stableJson } from "../src/random.js";
import { inputFor, streamingInputFor } from "./model-inputs.js";

const models = [...registry.values()];

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** What a binary output of a model looks like to its schema: the bytes as the binding gives them. */
describe("every catalog model answers, and the answer passes its output schema", () => {
  test("the catalog has 111 models", () => {
    expect(models.length).toBe(111);
  });

  // One clock for both runs: a `created` timestamp must not tick between them.
  const now = () => 1_796_000_000_000;
  test.each(models.map((model) => [model.id, model] as const))("%s", async (_id, model) => {
    const ai = createEmulator({ now });
    const input = inputFor(model);
    expect(input, "a valid input").toBeDefined();
    const frozen = stableJson(input);
    const answer = await ai.run(model.id, input);
    expect(stableJson(input)).toBe(frozen);
    if (answer instanceof ReadableStream) {
      const bytes = await bytesOf(answer);
      expect(bytes.length).toBeGreaterThan(0);
      // Binary outputs: the schema checks what the binding returns.
      const check = v.safeParse(model.output, bytes);
      expect(check.issues, JSON.stringify(check.issues?.[0]?.message)).toBeUndefined();
    } else {
      const check = v.safeParse(model.output, answer);
      expect(
        check.issues,
        `${JSON.stringify(answer).slice(0, 300)} ${check.issues?.map((i) => i.message).join("; ")}`,
      ).toBeUndefined();
    }
    // Same input, same answer.
    const again = await createEmulator({ now }).run(model.id, inputFor(model));
    if (!(again instanceof ReadableStream)) expect(again).toEqual(answer);
  });

  const streamable = models.filter(
    (model) => model.capabilities.streaming && model.task === "Text Generation",
  );
  test.each(streamable.map((model) => [model.id, model] as const))(
    "%s streams",
    async (_id, model) => {
      const ai = createEmulator();
      const input = streamingInputFor(model);
      const answer = await ai.run(model.id, input);
      expect(answer).toBeInstanceOf(ReadableStream);
      const output = await collectChatStream(decodeChatStream(answer));
      expect(output.text.length).toBeGreaterThan(10);
      expect(output.finishReason).toBe("stop");
      expect(output.usage?.totalTokens).toBeGreaterThan(0);
      // The whole answer of the same request tells the same text.
      const whole = await createEmulator().run(model.id, { ...input, stream: false });
      const text =
        (whole as { response?: string }).response ??
        (whole as { choices?: { message: { content: string } }[] }).choices?.[0]?.message.content;
      expect(output.text).toBe(text);
    },
  );
});
