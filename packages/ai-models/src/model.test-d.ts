import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import type { ChatStreamEvent } from "./chat-stream/chat-stream-event.js";
import type { Model, ModelInput, ModelStreamEvent, ModelTypes } from "./model.js";
import type { AiModelCatalog } from "./models/catalog.js";
import type {
  BgeM3Input,
  bgeM3,
  GptOss120bInput,
  Llama4Scout17b16eInstructInput,
  llama4Scout17b16eInstruct,
} from "./models/index.js";

declare function run<Id extends keyof AiModelCatalog>(
  id: Id,
  input: AiModelCatalog[Id]["input"],
): Promise<AiModelCatalog[Id]["output"]>;

describe("catalog types", () => {
  it("types run-style inputs by id and rejects a wrong field", () => {
    run("@cf/meta/llama-4-scout-17b-16e-instruct", { prompt: "hello", max_tokens: 10 });
    // @ts-expect-error: max_tokens is a number
    run("@cf/meta/llama-4-scout-17b-16e-instruct", { prompt: "hello", max_tokens: "10" });
    // @ts-expect-error: prompt or messages is required
    run("@cf/meta/llama-4-scout-17b-16e-instruct", { max_tokens: 10 });
    // @ts-expect-error: text is a string or strings
    run("@cf/baai/bge-m3", { text: 42 });
    // @ts-expect-error: a misspelt field (max_token) is not a field of the model
    run("@cf/meta/llama-4-scout-17b-16e-instruct", { prompt: "hello", max_token: 10 });
    // @ts-expect-error: not a model of the catalog
    run("@cf/meta/llama-9", { prompt: "hello" });
  });

  it("takes mutable arrays, as the binding's types do, and the supplemented Responses fields of gpt-oss", () => {
    const messages = [{ role: "user", content: "hello" }];
    run("@cf/meta/llama-4-scout-17b-16e-instruct", { messages });
    const frozen = [{ role: "user", content: "hi" }] as const;
    // @ts-expect-error: a read-only array is not what env.AI.run's types take
    run("@cf/meta/llama-4-scout-17b-16e-instruct", { messages: frozen });
    run("@cf/openai/gpt-oss-120b", { input: "hello", instructions: "Be brief." });
    // @ts-expect-error: instructions is a string
    run("@cf/openai/gpt-oss-120b", { input: "hello", instructions: 1 });
  });

  it("names each model's input and output types, and the catalog and models agree", () => {
    expectTypeOf<AiModelCatalog["@cf/baai/bge-m3"]["input"]>().toEqualTypeOf<BgeM3Input>();
    expectTypeOf<ModelInput<typeof bgeM3>>().toEqualTypeOf<BgeM3Input>();
    expectTypeOf<
      ModelInput<typeof llama4Scout17b16eInstruct>
    >().toEqualTypeOf<Llama4Scout17b16eInstructInput>();
    expectTypeOf<
      AiModelCatalog["@cf/openai/gpt-oss-120b"]["input"]
    >().toEqualTypeOf<GptOss120bInput>();
    expectTypeOf<AiModelCatalog["@cf/baai/bge-m3"]["output"]>().toExtend<object>();
  });

  it("a model without streaming has no stream event type", () => {
    expectTypeOf<ModelStreamEvent<typeof bgeM3>>().toEqualTypeOf<never>();
    expectTypeOf<AiModelCatalog["@cf/baai/bge-m3"]["streamEvent"]>().toEqualTypeOf<never>();
    expectTypeOf<
      ModelStreamEvent<typeof llama4Scout17b16eInstruct>
    >().toEqualTypeOf<ChatStreamEvent>();
    expectTypeOf<ModelTypes<typeof llama4Scout17b16eInstruct>["input"]>().toEqualTypeOf<
      ModelInput<typeof llama4Scout17b16eInstruct>
    >();
  });
});

describe("sealed models", () => {
  it("a Model cannot be written by hand; a spread copy keeps the type (isModel tells it apart)", () => {
    // @ts-expect-error: the brand's symbol is not exported, so no literal has it
    const handMade: Model = {
      id: "@cf/example/echo",
      task: "Text Generation",
      description: "",
      capabilities: { streaming: false, tools: false, asyncBatch: false, beta: false },
      input: v.unknown(),
      output: v.unknown(),
    };
    void handMade;
    // TypeScript does not know that the brand is not enumerable: the copy type-checks.
    const copy = { ...scout, input: v.unknown() };
    expectTypeOf(copy).toExtend<Model>();
  });
});

declare const scout: typeof llama4Scout17b16eInstruct;
