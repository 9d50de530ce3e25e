// The parts fit together at the type level, for every model, as a user's project sees them:
// the package's published declarations (dist/*.d.ts) in a Worker project typed by
// @cloudflare/workers-types, `skipLibCheck` off, compiled twice (exactOptionalPropertyTypes
// on and off).
//
// - The chat layer: text message lists, role shortcuts, builders and a whole tool turn are
//   assignable to every chat model's input type; a list with an image part is assignable
//   exactly to the models whose schema takes one at run time (so the type says what the
//   model family refuses).
// - Tools: `tool().definition` and peer clients' JSON Schema tools are assignable to every
//   tools model's input type.
// - The binding: for every id that wai and workers-types' `AiModels` both know, a value of
//   wai's input type is accepted by `env.AI.run`'s parameter for that id, without a cast;
//   the models where wai's type is deliberately wider are listed below, each with why, and
//   each must fail for exactly that reason.
//
// The file is written next to the package (so that it resolves `@cloudflare/workers-types`
// and the built `dist`) and removed after the run.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { registry } from "../src/registry.js";
import { imageMessages, modelShapes, peerToolDefinitions } from "./composition/requests.js";

const packageDir = path.join(import.meta.dirname, "..");

/**
 * The shared ids where wai's input type is deliberately wider than workers-types', with
 * why, and a phrase the compiler's explanation must contain (so that each fails for that
 * reason and no other).
 */
const wider: Record<string, { why: string; because: RegExp }> = {};
const widen = (ids: string[], why: string, because: RegExp) => {
  for (const id of ids) wider[id] = { why, because };
};
widen(
  [
    "@cf/aisingapore/gemma-sea-lion-v4-27b-it",
    "@cf/meta/llama-3.2-11b-vision-instruct",
    "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
    "@cf/meta/llama-4-scout-17b-16e-instruct",
    "@cf/mistralai/mistral-small-3.1-24b-instruct",
    "@cf/qwen/qwen2.5-coder-32b-instruct",
    "@cf/qwen/qwen3-30b-a3b-fp8",
  ],
  "tools take any JSON Schema, descriptions optional, as the service does (workers-types keeps the published schema's required descriptions)",
  /property 'tools' are incompatible/,
);
widen(
  [
    "@cf/deepseek-ai/deepseek-v4-flash-0731",
    "@cf/deepseek-ai/deepseek-v4-pro-0813",
    "@cf/google/gemma-4-26b-a4b-it",
    "@cf/moonshotai/kimi-k2.5",
    "@cf/moonshotai/kimi-k2.6",
    "@cf/moonshotai/kimi-k2.7-code",
    "@cf/nvidia/nemotron-3-120b-a12b",
    "@cf/openai/gpt-oss-120b",
    "@cf/openai/gpt-oss-20b",
    "@cf/qwen/qwen3.8-27b",
    "@cf/zai-org/glm-4.7-flash",
    "@cf/zai-org/glm-5.2",
    "@cf/zai-org/glm-5.3",
    "@cf/zai-org/glm-5.3-flash",
  ],
  "the published schema takes a `prompt` request too; workers-types declares `messages` only",
  /Property 'messages' is missing/,
);
widen(
  [
    "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
    "@cf/defog/sqlcoder-7b-2",
    "@cf/meta/llama-2-7b-chat-int8",
    "@cf/mistral/mistral-7b-instruct-v0.2-lora",
    "@cf/qwen/qwen1.5-7b-chat-awq",
    "@hf/mistral/mistral-7b-instruct-v0.2",
  ],
  "the published schema takes content as text parts too; workers-types types these models with the generic `AiTextGenerationInput` (text only)",
  /is not assignable to type 'string'/,
);
widen(
  ["@cf/google/gemma-3-12b-it"],
  "the published schema takes content as a single part object too",
  /property 'content' are incompatible/,
);
widen(
  ["@cf/llava-hf/llava-1.5-7b-hf", "@cf/microsoft/resnet-50"],
  "the published schema takes the image as the raw request body too (REST)",
  /Type 'string' is not assignable/,
);
widen(
  ["@cf/meta/llama-guard-3-8b"],
  "the published schema takes any role; workers-types narrows it to user and assistant",
  /property 'role' are incompatible/,
);
widen(
  ["@cf/deepgram/nova-3"],
  "the audio body may be base64 text, as workers-ai-provider sends it on the binding; workers-types takes an object (a stream) only",
  /property 'body' are incompatible|'string' is not assignable/,
);
widen(
  ["@cf/ibm-granite/granite-4.0-h-micro", "@cf/qwen/qwq-32b"],
  "no schema is published: wai types the input as unknown (the model is `partial`)",
  /'unknown' is not assignable/,
);

interface Check {
  /** What the line checks, for the failure message. */
  label: string;
  /** The model id, for the binding checks. */
  id?: string;
  line: number;
  /** True when the line must not compile (written under `@ts-expect-error`). */
  refused: boolean;
}

function compile(file: string, exactOptionalPropertyTypes: boolean) {
  const program = ts.createProgram([file], {
    strict: true,
    exactOptionalPropertyTypes,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: false,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts"],
    types: ["@cloudflare/workers-types"],
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
    file: diagnostic.file?.fileName,
    line: diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  }));
}

describe("the published types compose, for every model, in a Worker project", async () => {
  const shapes = modelShapes();
  const catalog = fs.readFileSync(path.join(packageDir, "src/models/catalog.ts"), "utf8");
  const workersTypes = fs.readFileSync(
    path.join(packageDir, "node_modules/@cloudflare/workers-types/index.d.ts"),
    "utf8",
  );
  const aiModels = workersTypes.slice(workersTypes.indexOf("interface AiModels {"));
  const bindingIds = [...aiModels.slice(0, aiModels.indexOf("\n}")).matchAll(/"(@[^"]+)":/g)]
    .map((match) => match[1] as string)
    .filter((id) => catalog.includes(`${JSON.stringify(id)}: `));
  const peers = await peerToolDefinitions();

  const checks: Check[] = [];
  const lines = [
    "// Written by test/composition-types.node.test.ts; removed after the run.",
    'import type { AiModelCatalog } from "./dist/index.js";',
    'import { ChatMessage, tool } from "./dist/index.js";',
    'import * as v from "valibot";',
    "",
    'type In<Id extends keyof AiModelCatalog> = AiModelCatalog[Id]["input"];',
    'const text = ChatMessage.list(ChatMessage.system("Be brief."), ChatMessage.user("Hi"));',
    "const built = [",
    '  ChatMessage.system("s", { name: "rules" }),',
    '  ChatMessage.builder().role("user").content("Hello").build(),',
    '  ChatMessage.builder().role("assistant").build(),',
    '  ChatMessage.assistant("Hi!"),',
    "];",
    "const turn = ChatMessage.list(",
    '  ChatMessage.user("Weather in Lisbon?"),',
    '  ChatMessage.assistant("", { toolCalls: [{ id: "call4f2a9", name: "get_weather", arguments: { city: "Lisbon" } }] }),',
    '  ChatMessage.tool("21", { toolCallId: "call4f2a9", name: "get_weather" }),',
    '  ChatMessage.assistant("It is 21 degrees."),',
    ");",
    "const image = ChatMessage.list(",
    '  ChatMessage.user([{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }]),',
    ");",
    'const weather = tool({ name: "get_weather", description: "The weather", parameters: v.object({ city: v.string(), unit: v.optional(v.picklist(["C", "F"])) }) });',
    // The JSON Schemas as plain objects, typed as TypeScript infers them, in a tool literal.
    ...peers.map(
      (peer, index) =>
        `const peer${index} = { type: "function" as const, function: ${JSON.stringify((peer.definition as { function: unknown }).function)} };`,
    ),
    "declare const env: { AI: Ai };",
    "",
  ];
  const add = (label: string, code: string, refused = false, id?: string) => {
    if (refused) lines.push("// @ts-expect-error: refused on purpose");
    checks.push({ label, line: lines.length, refused, ...(id === undefined ? {} : { id }) });
    lines.push(code);
  };

  const imageTakers = new Set(
    shapes
      .filter((shape) => {
        const model = registry.get(shape.id as never);
        return (
          model &&
          shape.inputKeys.has("messages") &&
          v.safeParse(model.input as v.GenericSchema, { messages: imageMessages() }).success
        );
      })
      .map((shape) => shape.id),
  );
  shapes.forEach((shape, index) => {
    const id = JSON.stringify(shape.id);
    if (shape.inputKeys.has("messages")) {
      add(`${shape.id}: a text list`, `export const t${index}: In<${id}> = { messages: text };`);
      add(
        `${shape.id}: built messages`,
        `export const b${index}: In<${id}> = { messages: built };`,
      );
      add(
        `${shape.id}: an image list ${imageTakers.has(shape.id) ? "accepted" : "refused"}, as at run time`,
        `export const i${index}: In<${id}> = { messages: image };`,
        !imageTakers.has(shape.id),
      );
    }
    if (shape.inputKeys.has("tools")) {
      add(
        `${shape.id}: tool().definition`,
        `export const d${index}: In<${id}> = { messages: text, tools: [weather.definition] };`,
      );
      peers.forEach((peer, peerIndex) => {
        add(
          `${shape.id}: ${peer.name}`,
          `export const p${index}_${peerIndex}: In<${id}> = { messages: text, tools: [peer${peerIndex}] };`,
        );
      });
      add(
        `${shape.id}: a tool turn`,
        `export const u${index}: In<${id}> = { messages: turn, tools: [weather.definition] };`,
      );
    }
  });
  for (const [index, id] of bindingIds.entries()) {
    const literal = JSON.stringify(id);
    lines.push(`declare const w${index}: In<${literal}>;`);
    add(`${id}: accepted by env.AI.run`, `env.AI.run(${literal}, w${index});`, false, id);
  }

  it("covers every shared id and every chat and tools model", () => {
    expect(bindingIds.length).toBeGreaterThanOrEqual(98);
    expect(Object.keys(wider).every((id) => bindingIds.includes(id))).toBe(true);
    expect(imageTakers.size).toBeGreaterThan(10);
  });

  for (const exact of [true, false]) {
    it(`compiles as expected (exactOptionalPropertyTypes ${exact ? "on" : "off"})`, () => {
      const file = path.join(packageDir, `.composition-types-${process.pid}.ts`);
      fs.writeFileSync(file, `${lines.join("\n")}\n`);
      try {
        const diagnostics = compile(file, exact);
        const elsewhere = diagnostics.filter((d) => d.file !== file).map((d) => d.message);
        expect(elsewhere).toEqual([]);
        const failures: string[] = [];
        const bindingFailures = new Map<string, string>();
        for (const diagnostic of diagnostics) {
          const line = diagnostic.line ?? -1;
          // An unused `@ts-expect-error` is reported at its own line, above the check.
          const check = checks.find((c) => c.line === line || c.line === line + 1);
          if (check?.id !== undefined) bindingFailures.set(check.id, diagnostic.message);
          else
            failures.push(
              `${check?.label ?? `line ${line + 1}`}: ${diagnostic.message.split("\n").slice(0, 4).join(" / ")}`,
            );
        }
        expect(failures).toEqual([]);
        // Exactly the deliberate differences fail, each for its stated reason.
        expect([...bindingFailures.keys()].sort()).toEqual(Object.keys(wider).sort());
        for (const [id, message] of bindingFailures) {
          expect(message, `${id}: ${wider[id]?.why}`).toMatch(wider[id]?.because as RegExp);
        }
      } finally {
        fs.rmSync(file, { force: true });
      }
    }, 180_000);
  }
});
