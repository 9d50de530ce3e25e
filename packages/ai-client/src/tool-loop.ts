// The tool-calling loop: send the tools, run the calls whose arguments fit, send the
// results back, and repeat up to a step limit; streamed or not.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import {
  type AiModelCatalog,
  assistantMessage,
  type ChatMessage,
  type ChatOutput,
  type ChatStreamEvent,
  type ChatToolCall,
  type Model,
  type ModelInput,
  normalizeChatOutput,
  type StreamableModel,
  safeParseChatMessage,
  type Tool,
  toolMessage,
} from "@wai/ai-models";
import { TypedReadableStream } from "@wai/typed-stream";
import { AiClientError } from "./ai-client-error.js";
import { callScope, toClientError } from "./call.js";
import { coreOf, prepare, type Target } from "./core.js";
import type { AiClient } from "./create-ai.js";
import { ToolCallIds } from "./tool-call-ids.js";
import type { CallOptions, StreamableModelId, UnknownModelId } from "./types.js";

/** The options of {@link runTools} and {@link streamTools}. */
export interface ToolLoopOptions extends CallOptions {
  /**
   * The tools, made with `tool()` of `@wai/ai-models`. A tool with `execute` is run by the
   * loop; a call of a tool without `execute` ends the loop, its calls left to the caller.
   */
  // biome-ignore lint/suspicious/noExplicitAny: tools of every argument and result type.
  tools: readonly Tool<string, any, any>[];
  /**
   * The most model calls the loop makes. When the last one still calls tools, the loop
   * returns with `stepLimitReached: true` (the calls of the last step are not run).
   *
   * @defaultValue 5
   */
  maxSteps?: number | undefined;
  /**
   * What to do when a model calls a tool with arguments that do not fit its schema (or
   * calls a tool the loop does not have). The tool is never run with them:
   *
   * - `"send-to-model"`: the validation error goes back to the model as the call's
   *   result, so that it can correct itself;
   * - `"throw"`: the loop fails with an `AiClientError` of kind `"invalid-tool-arguments"`
   *   (or `"unknown-tool"`), whose `data` is the raw arguments.
   *
   * @defaultValue "send-to-model"
   */
  onInvalidArguments?: "send-to-model" | "throw" | undefined;
}

/** One tool call the loop handled. */
export interface ToolResult {
  /** The id the call was sent back with (unique in the conversation). */
  toolCallId: string;
  /** The tool's name. */
  name: string;
  /** The call as the model made it (its own id, raw and parsed arguments). */
  call: ChatToolCall;
  /** Whether the tool ran (its arguments fit). */
  executed: boolean;
  /** What the tool returned, when it ran. */
  result?: unknown;
  /** Why it did not run: its arguments did not fit, or no such tool. */
  error?: AiClientError | undefined;
  /** What was sent to the model as the call's result. */
  content: string;
}

/** One model call of the loop, and the tool calls it made. */
export interface ToolLoopStep {
  /** 0 for the first model call. */
  step: number;
  /** The model's answer. */
  output: ChatOutput;
  /** The calls the loop handled after it (none for the last step). */
  toolResults: ToolResult[];
}

/** What the loop ends with: the last answer, every step, and the whole conversation. */
export interface ToolLoopResult extends ChatOutput {
  /** Every step, in order. */
  steps: ToolLoopStep[];
  /**
   * The conversation: the input's messages (checked), then each step's assistant message
   * and tool results (built with `ChatMessage`'s role shortcuts, as `assistantMessage` and
   * `toolMessage`), ready to continue. A plain array: `ChatMessage.list(...messages)`
   * makes a typed list of it.
   */
  messages: ChatMessage[];
  /** The loop stopped at `maxSteps` while the model still called tools. */
  stepLimitReached: boolean;
}

/** A step begins (a model call is made). */
export interface StepStartEvent {
  type: "step-start";
  step: number;
}

/** A tool call was handled: run, or refused. */
export interface ToolResultEvent extends ToolResult {
  type: "tool-result";
  step: number;
}

/** A step ended: its answer, and its tool results are all in. */
export interface StepFinishEvent {
  type: "step-finish";
  step: number;
  output: ChatOutput;
}

/** An event of {@link streamTools}: every step's chat events, between step boundaries. */
export type ToolLoopEvent = ChatStreamEvent | StepStartEvent | ToolResultEvent | StepFinishEvent;

/** The stream of {@link streamTools}, with the loop's result once it is read. */
export interface ToolLoopStream extends TypedReadableStream<ToolLoopEvent> {
  /** The loop's result; reading it without reading the stream reads the stream. */
  readonly result: Promise<ToolLoopResult>;
}

const stringify = (value: unknown) =>
  typeof value === "string" ? value : (JSON.stringify(value) ?? "null");

interface Loop {
  messages: ChatMessage[];
  request(): Record<string, unknown>;
  handle(output: ChatOutput): Promise<ToolResult[] | "stop">;
  steps: ToolLoopStep[];
  maxSteps: number;
}

/** An issue's message and where it is: `message at messages.0.content`. */
const describe = (issue: StandardSchemaV1.Issue) =>
  `${issue.message} at ${(issue.path ?? []).map((key) => (typeof key === "object" ? key.key : key)).join(".")}`;

/**
 * The input's messages, each checked as `ChatMessageSchema` checks it (with
 * `safeParseChatMessage`) before anything is sent, in a new array (an assistant's missing
 * or `null` content becomes `""`).
 *
 * @throws {@link AiClientError} `"invalid-input"` with every issue, its path from the input
 *   (`messages.1.tool_call_id`).
 */
function checkedMessages(target: Target, input: Record<string, unknown>): ChatMessage[] {
  const given = input.messages;
  if (!Array.isArray(given)) {
    throw new AiClientError(`The tool loop takes an input with messages (${target.id})`, {
      kind: "invalid-input",
      model: target.id,
      data: input,
    });
  }
  const issues: StandardSchemaV1.Issue[] = [];
  const messages = given.map((message: unknown, index) => {
    const result = safeParseChatMessage(message);
    if (result.success) return result.value;
    for (const issue of result.issues)
      issues.push({ ...issue, path: ["messages", index, ...(issue.path ?? [])] });
    return message as ChatMessage;
  });
  if (issues.length > 0) {
    throw new AiClientError(
      `Invalid messages for ${target.id}: ${issues.map(describe).join("; ")}`,
      {
        kind: "invalid-input",
        model: target.id,
        data: given,
        issues,
      },
    );
  }
  return messages;
}

function loop(target: Target, input: Record<string, unknown>, options: ToolLoopOptions): Loop {
  const { tools, maxSteps = 5, onInvalidArguments = "send-to-model" } = options;
  const messages = checkedMessages(target, input);
  const ids = new ToolCallIds(target.id, messages);
  const byName = new Map(tools.map((t) => [t.name, t]));
  const definitions = [
    ...(Array.isArray(input.tools) ? input.tools : []),
    ...tools.map((t) => t.definition),
  ];

  const refuse = (call: ChatToolCall, error: AiClientError, toolCallId: string): ToolResult => {
    if (onInvalidArguments === "throw") throw error;
    return {
      toolCallId,
      name: call.name,
      call,
      executed: false,
      error,
      content: error.message,
    };
  };

  return {
    messages,
    steps: [],
    maxSteps,
    request: () => ({ ...input, messages: [...messages], tools: definitions }),
    async handle(output) {
      if (output.toolCalls.length === 0) return "stop";
      // A call of a tool without execute is the caller's to run: the loop ends there.
      if (output.toolCalls.some((call) => byName.get(call.name) && !byName.get(call.name)?.execute))
        return "stop";
      const calls = output.toolCalls.map((call) => ({ call, toolCallId: ids.next(call.id) }));
      const results: ToolResult[] = [];
      for (const { call, toolCallId } of calls) {
        const tool = byName.get(call.name);
        if (!tool) {
          results.push(
            refuse(
              call,
              new AiClientError(`The model called an unknown tool ${JSON.stringify(call.name)}`, {
                kind: "unknown-tool",
                model: target.id,
                data: call.rawArguments,
              }),
              toolCallId,
            ),
          );
          continue;
        }
        const parsed = tool.safeParseArguments(call.rawArguments);
        if (!parsed.success) {
          results.push(
            refuse(
              call,
              new AiClientError(parsed.error.message, {
                kind: "invalid-tool-arguments",
                model: target.id,
                data: call.rawArguments,
                issues: parsed.error.issues,
                cause: parsed.error,
              }),
              toolCallId,
            ),
          );
          continue;
        }
        let result: unknown;
        try {
          result = await tool.execute?.(parsed.value);
        } catch (cause) {
          throw new AiClientError(
            `The tool ${call.name} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
            { kind: "tool-execution", model: target.id, data: parsed.value, cause },
          );
        }
        results.push({
          toolCallId,
          name: call.name,
          call,
          executed: true,
          result,
          content: stringify(result),
        });
      }
      messages.push(
        assistantMessage(output.text, {
          toolCalls: calls.map(({ call, toolCallId }) => ({
            id: toolCallId,
            name: call.name,
            arguments: call.rawArguments,
          })),
        }),
        ...results.map((result) =>
          toolMessage(result.content, { toolCallId: result.toolCallId, name: result.name }),
        ),
      );
      return results;
    },
  };
}

function finalResult(state: Loop, output: ChatOutput, limit: boolean): ToolLoopResult {
  return { ...output, steps: state.steps, messages: state.messages, stepLimitReached: limit };
}

/** Appends the final answer to the conversation. */
function appendAnswer(state: Loop, output: ChatOutput) {
  if (output.toolCalls.length === 0) state.messages.push(assistantMessage(output.text));
}

/**
 * Runs a tool-calling loop: sends the tools, runs the calls whose arguments fit their
 * schema (others are never run), appends the results with `ChatMessage`'s role shortcuts, and
 * repeats until the model answers without calls or `maxSteps` is reached.
 *
 * @param ai - A client made by {@link createAi}.
 * @param model - A model value or id, as for `ai.stream`.
 * @param input - The chat input, with its `messages`.
 * @param options - The tools, the step limit, and the call's options.
 * @throws {@link AiClientError} (rejects) for every failure.
 *
 * @example
 * ```ts
 * import { createAi, runTools } from "@wai/ai-client";
 * import { tool } from "@wai/ai-models";
 * import * as v from "valibot";
 *
 * const weather = tool({
 *   name: "get_weather",
 *   description: "The current weather in a city",
 *   parameters: v.object({ city: v.string() }),
 *   execute: ({ city }) => ({ city, celsius: 19 }),
 * });
 *
 * export async function answer(env: { AI: Ai }, question: string): Promise<string> {
 *   const ai = createAi(env.AI);
 *   const result = await runTools(
 *     ai,
 *     "@cf/meta/llama-4-scout-17b-16e-instruct",
 *     { messages: [{ role: "user", content: question }] },
 *     { tools: [weather] },
 *   );
 *   return result.text;
 * }
 * ```
 */
export function runTools<M extends StreamableModel>(
  ai: AiClient,
  model: M,
  input: ModelInput<M>,
  options: ToolLoopOptions,
): Promise<ToolLoopResult>;
export function runTools<Id extends StreamableModelId>(
  ai: AiClient,
  model: Id,
  input: AiModelCatalog[Id]["input"],
  options: ToolLoopOptions,
): Promise<ToolLoopResult>;
export function runTools<Id extends string>(
  ai: AiClient,
  model: UnknownModelId<Id>,
  input: Record<string, unknown>,
  options: ToolLoopOptions,
): Promise<ToolLoopResult>;
export async function runTools(
  ai: AiClient,
  model: Model | string,
  given: unknown,
  loopOptions: ToolLoopOptions,
): Promise<ToolLoopResult> {
  const core = coreOf(ai);
  const target = prepare(core, model, given);
  const options = core.options(loopOptions);
  const state = loop(target, given as Record<string, unknown>, options);
  for (let step = 0; ; step++) {
    const scope = callScope(target.id, options);
    let output: ChatOutput;
    try {
      const answer = await core.call(target, state.request(), options, scope);
      output = normalizeChatOutput(answer);
    } catch (cause) {
      throw toClientError(cause, { model: target.id, binding: core.binding, signal: scope.signal });
    } finally {
      scope.done();
    }
    const last = step + 1 >= state.maxSteps;
    const results = last ? "stop" : await state.handle(output);
    state.steps.push({ step, output, toolResults: results === "stop" ? [] : results });
    if (results === "stop") {
      appendAnswer(state, output);
      return finalResult(state, output, last && output.toolCalls.length > 0);
    }
  }
}

/**
 * {@link runTools}, streamed: every step's chat events, between `step-start` and
 * `step-finish` events, with a `tool-result` event for each call handled; its `result`
 * is the loop's result.
 *
 * @param ai - A client made by {@link createAi}.
 * @param model - A model value or id, as for `ai.stream`.
 * @param input - The chat input, with its `messages`.
 * @param options - The tools, the step limit, and the call's options.
 * @throws {@link AiClientError} `"invalid-input"` at once for an input that does not fit;
 *   every later failure errors the stream.
 *
 * @example
 * ```ts
 * import { createAi, streamTools } from "@wai/ai-client";
 * import { tool } from "@wai/ai-models";
 * import { toSSEResponse } from "@wai/typed-stream";
 * import * as v from "valibot";
 *
 * const weather = tool({
 *   name: "get_weather",
 *   description: "The current weather in a city",
 *   parameters: v.object({ city: v.string() }),
 *   execute: ({ city }) => ({ city, celsius: 19 }),
 * });
 *
 * export default {
 *   async fetch(request: Request, env: { AI: Ai }): Promise<Response> {
 *     const stream = streamTools(
 *       createAi(env.AI),
 *       "@cf/meta/llama-4-scout-17b-16e-instruct",
 *       { messages: [{ role: "user", content: await request.text() }] },
 *       { tools: [weather], signal: request.signal },
 *     );
 *     return toSSEResponse(stream);
 *   },
 * };
 * ```
 */
export function streamTools<M extends StreamableModel>(
  ai: AiClient,
  model: M,
  input: ModelInput<M>,
  options: ToolLoopOptions,
): ToolLoopStream;
export function streamTools<Id extends StreamableModelId>(
  ai: AiClient,
  model: Id,
  input: AiModelCatalog[Id]["input"],
  options: ToolLoopOptions,
): ToolLoopStream;
export function streamTools<Id extends string>(
  ai: AiClient,
  model: UnknownModelId<Id>,
  input: Record<string, unknown>,
  options: ToolLoopOptions,
): ToolLoopStream;
export function streamTools(
  ai: AiClient,
  model: Model | string,
  given: unknown,
  loopOptions: ToolLoopOptions,
): ToolLoopStream {
  const core = coreOf(ai);
  const target = prepare(core, model, given);
  const options = core.options(loopOptions);
  const state = loop(target, given as Record<string, unknown>, options);
  let settle!: { resolve(result: ToolLoopResult): void; reject(error: unknown): void };
  const result = new Promise<ToolLoopResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  result.catch(() => {});

  async function* events(): AsyncGenerator<ToolLoopEvent> {
    try {
      for (let step = 0; ; step++) {
        yield { type: "step-start", step };
        const stream = core.stream(target, state.request(), options);
        for await (const event of stream) yield event;
        const output = await stream.output;
        const last = step + 1 >= state.maxSteps;
        const results = last ? "stop" : await state.handle(output);
        if (results !== "stop") {
          for (const toolResult of results) yield { type: "tool-result", step, ...toolResult };
        }
        state.steps.push({ step, output, toolResults: results === "stop" ? [] : results });
        yield { type: "step-finish", step, output };
        if (results === "stop") {
          appendAnswer(state, output);
          settle.resolve(finalResult(state, output, last && output.toolCalls.length > 0));
          return;
        }
      }
    } catch (cause) {
      const error = toClientError(cause, { model: target.id });
      settle.reject(error);
      throw error;
    } finally {
      settle.reject(
        new AiClientError(`The tool loop of ${target.id} was cancelled`, {
          kind: "aborted",
          model: target.id,
        }),
      );
    }
  }

  const stream = TypedReadableStream.from(events()) as ToolLoopStream;
  Object.defineProperty(stream, "result", {
    get() {
      queueMicrotask(() => {
        if (!stream.locked) stream.toArray().catch(() => {});
      });
      return result;
    },
  });
  return stream;
}
