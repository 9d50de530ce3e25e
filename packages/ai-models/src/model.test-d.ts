import { describe, expectTypeOf, it } from "vitest";
import type { ChatStreamEvent } from "./chat-stream/chat-stream-event.js";
import type { ModelInput, ModelStreamEvent, ModelTypes } from "./model.js";
import type { AiModelCatalog } from "./models/catalog.js";
import type { bgeM3, llama4Scout17b16eInstruct } from "./models/index.js";

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
