import { expectTypeOf, test } from "vitest";
import { createEmulator, type Emulator } from "./index.js";

test("the emulator is assignable to workers-types' Ai", () => {
  const ai: Ai = createEmulator();
  expectTypeOf(createEmulator()).toExtend<Ai>();
  expectTypeOf<Emulator>().toExtend<Ai>();
  void ai;
});

test("a Worker's Env with the emulator type-checks as env.AI", () => {
  interface Env {
    AI: Ai;
  }
  const env: Env = { AI: createEmulator() };
  expectTypeOf(
    env.AI.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "hi" }),
  ).resolves.toExtend<object>();
});
