import type {
  BgeM3Input,
  BgeM3Output,
  ChatStreamEvent,
  Llama4Scout17b16eInstructOutput,
} from "@wai/ai-models";
import { bgeM3, llama4Scout17b16eInstruct } from "@wai/ai-models";
import type { TypedReadableStream } from "@wai/typed-stream";
import * as v from "valibot";
import { describe, expectTypeOf, test } from "vitest";
import { createAi } from "./create-ai.js";
import { restBinding } from "./rest-binding.js";
import { structured } from "./structured-output.js";

declare const env: { AI: Ai; SWAPPED: Service | Ai };
const ai = createAi(env.AI);

describe("createAi", () => {
  test("takes env.AI as workers-types types it, and the Service | Ai of an env swap", () => {
    createAi(env.AI);
    createAi(env.SWAPPED);
    createAi(restBinding({ accountId: "a", apiToken: "t" }));
    // @ts-expect-error: no binding
    createAi({ fetch: 1 });
  });
});

describe("run", () => {
  test("by id infers the input and the output", () => {
    const input: BgeM3Input = { query: "q", contexts: [{ text: "a" }] };
    void ai.run("@cf/baai/bge-m3", input);
    expectTypeOf(ai.run("@cf/baai/bge-m3", { text: "a" })).resolves.toEqualTypeOf<BgeM3Output>();
  });

  test("by model value infers the same", () => {
    expectTypeOf(ai.run(bgeM3, { text: ["a"] })).resolves.toEqualTypeOf<BgeM3Output>();
  });

  test("a wrong field is a compile-time error", () => {
    // @ts-expect-error: bge-m3 takes `text`
    void ai.run("@cf/baai/bge-m3", { txt: "a" });
    // @ts-expect-error: `text` is a string or strings
    void ai.run(bgeM3, { text: 42 });
  });

  test("a chat model's output is its JSON answer, never the binary stream form", () => {
    expectTypeOf(ai.run(llama4Scout17b16eInstruct, { prompt: "hi" })).resolves.toEqualTypeOf<
      Exclude<
        Llama4Scout17b16eInstructOutput,
        ReadableStream | Uint8Array | ArrayBuffer | Blob | string
      >
    >();
  });

  test("binary outputs are bytes", () => {
    expectTypeOf(
      ai.run("@cf/stabilityai/stable-diffusion-xl-base-1.0", { prompt: "a" }),
    ).resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(
      ai.run("@cf/black-forest-labs/flux-1-schnell", { prompt: "a" }),
    ).resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(
      ai.run("@cf/myshell-ai/melotts", { prompt: "a" }),
    ).resolves.toEqualTypeOf<Uint8Array>();
  });

  test("an unknown id is untyped", () => {
    expectTypeOf(ai.run("@cf/someone/new-model", { anything: 1 })).resolves.toBeUnknown();
  });
});

describe("stream", () => {
  test("is a typed stream of chat events, for streaming models only", () => {
    const stream = ai.stream("@cf/meta/llama-4-scout-17b-16e-instruct", {
      messages: [{ role: "user", content: "hi" }],
    });
    expectTypeOf(stream).toExtend<TypedReadableStream<ChatStreamEvent>>();
    expectTypeOf(stream.text).toEqualTypeOf<Promise<string>>();
    // @ts-expect-error: bge-m3 does not stream
    ai.stream("@cf/baai/bge-m3", { text: "a" });
  });
});

describe("structured", () => {
  test("returns the schema's output type", () => {
    const schema = v.object({ city: v.string(), celsius: v.number() });
    expectTypeOf(
      structured(ai, "@cf/meta/llama-4-scout-17b-16e-instruct", { messages: [] }, { schema }),
    ).resolves.toEqualTypeOf<{ city: string; celsius: number }>();
  });
});
