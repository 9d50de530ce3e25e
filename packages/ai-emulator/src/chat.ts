// Text generation: reads a chat request (prompt, messages, tools, Responses `input`),
// decides the reply (text, reasoning, tool calls, usage) and writes it in the model
// family's wire format, whole or as server-sent events.
import type { Model } from "@wai/ai-models";
import { createRandom, hash32, type Random, stableJson } from "./random.js";
import { Padding, type Segment, SseEvents, sseEvent } from "./sse.js";
import { composeReply, countTokens, keywords, tokenEnds } from "./text.js";
import { toolArguments } from "./tool-arguments.js";
import type { ScriptedReply } from "./types.js";

/** A tool as the request declares it (flat or OpenAI form). */
export interface RequestTool {
  name: string;
  description: string;
  parameters: unknown;
}

/** A message of the conversation, its content flattened to text. */
export interface RequestMessage {
  role: string;
  content: string;
  name?: string | undefined;
  toolCallId?: string | undefined;
  toolCalls?: { id?: string; name: string }[] | undefined;
}

/** What the emulator reads from a text-generation input. */
export interface ChatRequest {
  messages: RequestMessage[];
  tools: RequestTool[];
  toolChoice: unknown;
  maxTokens: number | undefined;
  seed: number | undefined;
  stream: boolean;
  includeUsage: boolean;
  /** The OpenAI Responses request form (gpt-oss with `input`). */
  responses: boolean;
  thinking: boolean;
}

/** The decided reply. */
export interface ChatPlan {
  reasoning: string;
  /** Where the reasoning's tokens end (see `tokenEnds`). */
  reasoningEnds: number[];
  text: string;
  /** Where the text's tokens end. */
  textEnds: number[];
  toolCalls: { id: string; name: string; arguments: unknown }[];
  finishReason: "stop" | "length" | "tool_calls";
  promptTokens: number;
  completionTokens: number;
}

/** The two streamed chunk formats of Workers AI. */
export type ChatFamily = "native" | "openai";

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((part) =>
        typeof part === "string"
          ? part
          : part &&
              typeof part === "object" &&
              typeof (part as { text?: unknown }).text === "string"
            ? (part as { text: string }).text
            : "",
      )
      .join(" ");
  if (content === null || content === undefined) return "";
  return JSON.stringify(content);
}

function readTools(tools: unknown): RequestTool[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((entry): RequestTool[] => {
    if (!entry || typeof entry !== "object") return [];
    const item = entry as Record<string, unknown>;
    const fn = (item.function ?? item) as Record<string, unknown>;
    if (typeof fn.name !== "string") return [];
    return [
      {
        name: fn.name,
        description: typeof fn.description === "string" ? fn.description : "",
        parameters: fn.parameters,
      },
    ];
  });
}

/** Reads the parts of a text-generation input the emulator uses. */
export function readChatRequest(inputs: Record<string, unknown>): ChatRequest {
  const messages: RequestMessage[] = [];
  const responses = inputs.input !== undefined && inputs.messages === undefined;
  if (typeof inputs.instructions === "string")
    messages.push({ role: "system", content: inputs.instructions });
  if (Array.isArray(inputs.messages) || (responses && Array.isArray(inputs.input))) {
    const list = (inputs.messages ?? inputs.input) as unknown[];
    for (const entry of list) {
      if (!entry || typeof entry !== "object") continue;
      const message = entry as Record<string, unknown>;
      if (message.type === "function_call_output") {
        messages.push({
          role: "tool",
          content: textOf(message.output),
          toolCallId: String(message.call_id),
        });
        continue;
      }
      const toolCalls = Array.isArray(message.tool_calls)
        ? (message.tool_calls as Record<string, unknown>[]).map((call) => ({
            id: typeof call.id === "string" ? call.id : undefined,
            name: String(
              (call.function as Record<string, unknown> | undefined)?.name ?? call.name ?? "",
            ),
          }))
        : undefined;
      messages.push({
        role: typeof message.role === "string" ? message.role : "user",
        content: textOf(message.content),
        name: typeof message.name === "string" ? message.name : undefined,
        toolCallId: typeof message.tool_call_id === "string" ? message.tool_call_id : undefined,
        toolCalls: toolCalls as RequestMessage["toolCalls"],
      });
    }
  } else if (typeof inputs.input === "string") {
    messages.push({ role: "user", content: inputs.input });
  }
  if (typeof inputs.prompt === "string") messages.push({ role: "user", content: inputs.prompt });
  const maxTokens = [
    inputs.max_tokens,
    inputs.max_completion_tokens,
    inputs.max_output_tokens,
  ].find((value): value is number => typeof value === "number");
  const kwargs = inputs.chat_template_kwargs as { enable_thinking?: unknown } | undefined;
  return {
    messages,
    tools: readTools(inputs.tools),
    toolChoice: inputs.tool_choice,
    maxTokens,
    seed: typeof inputs.seed === "number" ? inputs.seed : undefined,
    stream: inputs.stream === true,
    includeUsage:
      (inputs.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true,
    responses,
    thinking: kwargs?.enable_thinking !== false && inputs.reasoning_effort !== "none",
  };
}

/** Whether a valibot schema (or one of its branches) has a `choices` entry. */
function hasChoices(schema: unknown, depth = 0): boolean {
  if (!schema || typeof schema !== "object" || depth > 4) return false;
  const node = schema as {
    entries?: Record<string, unknown>;
    options?: unknown[];
    wrapped?: unknown;
  };
  if (node.entries && "choices" in node.entries) return true;
  if (node.wrapped) return hasChoices(node.wrapped, depth + 1);
  return (
    Array.isArray(node.options) && node.options.some((option) => hasChoices(option, depth + 1))
  );
}

const familyCache = new WeakMap<object, ChatFamily>();

/**
 * The model's wire family: `"openai"` (chat.completion and chat.completion.chunk) when
 * its output schema has `choices` (gpt-oss too), `"native"` (`{response, tool_calls,
 * usage}` and `{response, p}` chunks) otherwise.
 */
export function chatFamily(model: Model): ChatFamily {
  let family = familyCache.get(model);
  if (!family) {
    family = hasChoices(model.output) || model.id.includes("gpt-oss") ? "openai" : "native";
    familyCache.set(model, family);
  }
  return family;
}

/** Models of the OpenAI family that think before answering. */
const reasoningModels = /gpt-oss|kimi|glm|deepseek-v4|qwen3|nemotron|gemma-4/;

/** Whether a model sends reasoning (OpenAI family only). */
export function sendsReasoning(model: Model): boolean {
  return chatFamily(model) === "openai" && reasoningModels.test(model.id);
}

function promptTokensOf(request: ChatRequest): number {
  let tokens = 0;
  for (const message of request.messages) tokens += countTokens(message.content) + 4;
  for (const tool of request.tools)
    tokens += countTokens(
      `${tool.name} ${tool.description} ${JSON.stringify(tool.parameters ?? {})}`,
    );
  return Math.max(1, tokens);
}

/**
 * The tool the conversation asks for, by the emulator's rule (see the README):
 * tools are declared, `tool_choice` is not `"none"`, and the last message is the user's;
 * then `tool_choice` naming a function picks it, `"required"` picks the first tool named
 * or described in the message or else the first tool, and otherwise (`"auto"`, absent) a
 * tool is called when the last user message names it (its name, or its name with `_` and
 * `-` read as spaces) or contains a word of 4 letters or more from its description.
 */
export function chooseTool(request: ChatRequest): RequestTool | undefined {
  const last = request.messages.at(-1);
  if (request.tools.length === 0 || !last || last.role !== "user") return undefined;
  const choice = request.toolChoice;
  if (choice === "none") return undefined;
  if (choice && typeof choice === "object") {
    const name =
      (choice as { function?: { name?: string }; name?: string }).function?.name ??
      (choice as { name?: string }).name;
    const named = request.tools.find((tool) => tool.name === name);
    if (named) return named;
  }
  const text = last.content.toLowerCase();
  const words = new Set(keywords(last.content));
  const asked = request.tools.find((tool) => {
    const name = tool.name.toLowerCase();
    if (text.includes(name) || text.includes(name.replace(/[_-]+/g, " "))) return true;
    return keywords(tool.description).some((word) => word.length >= 4 && words.has(word));
  });
  if (asked) return asked;
  return choice === "required" ? request.tools[0] : undefined;
}

/** A short text for a tool's result: `key is value` pairs for an object. */
function describeResult(content: string): string {
  try {
    const value = JSON.parse(content) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const pairs = Object.entries(value as Record<string, unknown>)
        .slice(0, 6)
        .map(
          ([key, item]) =>
            `${key.replace(/_/g, " ")} is ${typeof item === "string" ? item : JSON.stringify(item)}`,
        );
      if (pairs.length > 0) return pairs.join(", ");
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return content.slice(0, 300);
  }
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** An id of `length` letters and digits. */
export function idOf(random: Random, length: number): string {
  return Array.from({ length }, () => idAlphabet[random.int(idAlphabet.length)]).join("");
}

/** Options of {@link planChat}. */
export interface PlanChatOptions {
  /** The reply's length in tokens, when not left to the seed. */
  replyTokens?: number | undefined;
  /** The default of `max_tokens`. */
  defaultMaxTokens: number;
  script?: ScriptedReply | undefined;
}

/** Decides the reply to a chat request. */
export function planChat(model: Model, request: ChatRequest, options: PlanChatOptions): ChatPlan {
  const random = createRandom(
    hash32(stableJson(request.messages) + stableJson(request.tools), request.seed ?? 0x9e3779b9),
  );
  const promptTokens = promptTokensOf(request);
  const script = options.script;
  const limit = request.maxTokens ?? options.defaultMaxTokens;
  let reasoning = "";
  let text = "";
  let toolCalls: ChatPlan["toolCalls"] = [];
  const lastUser = [...request.messages].reverse().find((message) => message.role === "user");
  const question = lastUser?.content ?? "";
  if (script && (script.text !== undefined || script.toolCalls || script.reasoning !== undefined)) {
    text = script.text ?? "";
    reasoning = script.reasoning ?? "";
    toolCalls = (script.toolCalls ?? []).map((call) => ({
      id: call.id ?? `call_${idOf(random, 9)}`,
      name: call.name,
      arguments: call.arguments ?? {},
    }));
  } else {
    const tool = chooseTool(request);
    const last = request.messages.at(-1);
    if (sendsReasoning(model) && request.thinking) {
      const topic = keywords(question).slice(0, 3).join(", ") || "the question";
      reasoning = tool
        ? `The user asks about ${topic}. The ${tool.name} tool can answer this, so I will call it.`
        : `The user asks about ${topic}. I should answer clearly and briefly.`;
    }
    if (tool) {
      toolCalls = [
        {
          id: `call_${idOf(random, 9)}`,
          name: tool.name,
          arguments: toolArguments(tool.parameters, question),
        },
      ];
    } else if (last?.role === "tool") {
      const caller = request.messages
        .flatMap((message) => message.toolCalls ?? [])
        .find((call) => call.id !== undefined && call.id === last.toolCallId);
      const name = last.name ?? caller?.name ?? "the tool";
      text = `According to ${name}, ${describeResult(last.content)}. ${composeReply(question, random, 12)}`;
    } else {
      const target = options.replyTokens ?? 24 + random.int(48);
      text = composeReply(question || "your message", random, target);
    }
  }
  let finishReason: ChatPlan["finishReason"] = toolCalls.length > 0 ? "tool_calls" : "stop";
  // max_tokens counts reasoning and text: cut the text (then the reasoning) to fit. Each
  // is scanned once; its tokens are the streamed events.
  const reasoningEnds = tokenEnds(reasoning);
  let textEnds: number[];
  if (reasoningEnds.length > limit) {
    reasoningEnds.length = Math.max(0, limit);
    reasoning = reasoning.slice(0, reasoningEnds.at(-1) ?? 0);
    text = "";
    textEnds = [];
    finishReason = "length";
  } else {
    textEnds = tokenEnds(text);
    const left = limit - reasoningEnds.length;
    if (textEnds.length > left) {
      textEnds.length = Math.max(0, left);
      text = text.slice(0, textEnds.at(-1) ?? 0);
      finishReason = "length";
    }
  }
  if (script?.finishReason) finishReason = script.finishReason as ChatPlan["finishReason"];
  const completionTokens =
    reasoningEnds.length +
    textEnds.length +
    toolCalls.reduce((sum, call) => sum + countTokens(JSON.stringify(call.arguments)), 0);
  return {
    reasoning,
    reasoningEnds,
    text,
    textEnds,
    toolCalls,
    finishReason,
    promptTokens: script?.usage?.prompt_tokens ?? promptTokens,
    completionTokens: script?.usage?.completion_tokens ?? completionTokens,
  };
}

/** The usage object of a plan. */
export function usageOf(plan: ChatPlan): {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
} {
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: plan.completionTokens,
    total_tokens: plan.promptTokens + plan.completionTokens,
  };
}

/** Context for writing a reply on the wire. */
export interface WireContext {
  model: Model;
  /** The id of the answer (chat.completion id). */
  id: string;
  /** Seconds since the epoch. */
  created: number;
  random: Random;
  includeUsage: boolean;
  /** Whether the native usage trailer ends an OpenAI-format stream. */
  trailer: boolean;
}

/** The whole (non-streamed) answer in the model family's format. */
export function chatAnswer(
  family: ChatFamily,
  plan: ChatPlan,
  request: ChatRequest,
  context: WireContext,
): unknown {
  const usage = usageOf(plan);
  if (family === "openai" && request.responses) return responsesAnswer(plan, context);
  if (family === "native") {
    const answer: Record<string, unknown> = { response: plan.text };
    if (plan.toolCalls.length > 0)
      answer.tool_calls = plan.toolCalls.map((call) => ({
        name: call.name,
        arguments: call.arguments,
      }));
    answer.usage = usage;
    return answer;
  }
  const message: Record<string, unknown> = { role: "assistant", content: plan.text };
  if (plan.reasoning) message.reasoning_content = plan.reasoning;
  if (plan.toolCalls.length > 0)
    message.tool_calls = plan.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
  return {
    id: context.id,
    object: "chat.completion",
    created: context.created,
    model: context.model.id,
    choices: [{ index: 0, message, finish_reason: plan.finishReason, logprobs: null }],
    usage,
  };
}

function responsesAnswer(plan: ChatPlan, context: WireContext): unknown {
  const output: unknown[] = [];
  if (plan.reasoning)
    output.push({
      type: "reasoning",
      id: `rs_${idOf(context.random, 24)}`,
      content: [{ type: "reasoning_text", text: plan.reasoning }],
      summary: [],
    });
  for (const call of plan.toolCalls)
    output.push({
      type: "function_call",
      id: `fc_${idOf(context.random, 24)}`,
      call_id: call.id,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
      status: "completed",
    });
  if (plan.text || plan.toolCalls.length === 0)
    output.push({
      type: "message",
      id: `msg_${idOf(context.random, 24)}`,
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: plan.text, annotations: [] }],
    });
  return {
    id: `resp_${context.id.replace(/^chatcmpl-/, "")}`,
    object: "response",
    created_at: context.created,
    model: context.model.id,
    status: plan.finishReason === "length" ? "incomplete" : "completed",
    output,
    usage: {
      input_tokens: plan.promptTokens,
      output_tokens: plan.completionTokens,
      total_tokens: plan.promptTokens + plan.completionTokens,
    },
  };
}

/** Splits a JSON text in up to `parts` pieces. */
function pieces(text: string, parts: number, random: Random): string[] {
  const result: string[] = [];
  let rest = text;
  for (let index = 1; index < parts && rest.length > 1; index++) {
    const at = 1 + random.int(rest.length - 1);
    result.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  result.push(rest);
  return result;
}

/** How a family streams its tool calls. */
export type ToolCallStreaming = "fragments" | "whole";

/**
 * The events of a streamed answer, in order, `"[DONE]"` last: the few events around the
 * tokens written now, the token events (the hot path of a long answer) written by
 * template as the stream is read, with the same fields in the same order.
 */
export function chatEvents(
  family: ChatFamily,
  plan: ChatPlan,
  request: ChatRequest,
  context: WireContext,
): SseEvents {
  const { random } = context;
  const padding = new Padding(random);
  const pad = () => padding.next();
  const usage = usageOf(plan);
  const segments: Segment[] = [];
  if (family === "openai" && request.responses) {
    // gpt-oss does not stream the Responses form: one empty event, then [DONE].
    segments.push(sseEvent({ response: "" }));
    return new SseEvents([...segments, sseEvent("[DONE]")], padding, segments.length);
  }
  if (family === "native") {
    // {"response":<token>,"p":"<padding>"}
    if (plan.textEnds.length > 0)
      segments.push({
        text: plan.text,
        ends: plan.textEnds,
        prefix: 'data: {"response":',
        middle: ',"p":"',
        suffix: '"}\n\n',
      });
    if (plan.toolCalls.length > 0) {
      plan.toolCalls.forEach((call, index) => {
        segments.push(
          sseEvent({
            response: "",
            tool_calls: [
              {
                id: call.id,
                type: "function",
                index,
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              },
            ],
            p: pad(),
          }),
        );
      });
      segments.push(sseEvent({ response: "", tool_calls: [], p: pad() }));
    }
    const terminal = segments.length;
    if (plan.finishReason !== "stop")
      segments.push(sseEvent({ response: "", finish_reason: plan.finishReason, p: pad() }));
    segments.push(sseEvent({ response: "", usage }), sseEvent("[DONE]"));
    return new SseEvents(segments, padding, terminal);
  }
  const base = {
    id: context.id,
    object: "chat.completion.chunk",
    created: context.created,
    model: context.model.id,
  };
  const reasoningKey = context.model.id.includes("gpt-oss") ? "reasoning" : "reasoning_content";
  let first = true;
  const chunk = (delta: Record<string, unknown>, finish: string | null, tokens: number): string => {
    const value: Record<string, unknown> = {
      ...base,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      p: pad(),
    };
    if (context.includeUsage) {
      // The incremental convention: the prompt on the first chunk, then each chunk's own.
      const prompt = first ? plan.promptTokens : 0;
      value.usage = {
        prompt_tokens: prompt,
        completion_tokens: tokens,
        total_tokens: prompt + tokens,
      };
    }
    first = false;
    return sseEvent(value);
  };
  segments.push(chunk({ role: "assistant", content: "" }, null, 0));
  // Token chunks, as `chunk` writes them: the base, the delta, the padding, the usage.
  const head = `data: ${JSON.stringify(base).slice(0, -1)},"choices":[{"index":0,"delta":{"`;
  const middle = '},"finish_reason":null,"logprobs":null}],"p":"';
  const suffix = context.includeUsage
    ? '","usage":{"prompt_tokens":0,"completion_tokens":1,"total_tokens":1}}\n\n'
    : '"}\n\n';
  if (plan.reasoningEnds.length > 0)
    segments.push({
      text: plan.reasoning,
      ends: plan.reasoningEnds,
      prefix: `${head}${reasoningKey}":`,
      middle,
      suffix,
    });
  if (plan.textEnds.length > 0)
    segments.push({
      text: plan.text,
      ends: plan.textEnds,
      prefix: `${head}content":`,
      middle,
      suffix,
    });
  const whole = /qwen/.test(context.model.id);
  plan.toolCalls.forEach((call, index) => {
    const json = JSON.stringify(call.arguments);
    const tokens = countTokens(json);
    if (whole) {
      segments.push(
        chunk(
          {
            tool_calls: [
              {
                index,
                id: call.id,
                type: "function",
                function: { name: call.name, arguments: json },
              },
            ],
          },
          null,
          tokens,
        ),
      );
      return;
    }
    segments.push(
      chunk(
        {
          tool_calls: [
            { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } },
          ],
        },
        null,
        0,
      ),
    );
    const parts = pieces(json, 3, random);
    parts.forEach((part, at) => {
      const share =
        at === parts.length - 1
          ? tokens - Math.floor(tokens / parts.length) * (parts.length - 1)
          : Math.floor(tokens / parts.length);
      segments.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }, null, share));
    });
    segments.push(
      chunk({ tool_calls: [{ index, id: null, type: null, function: { name: null } }] }, null, 0),
    );
  });
  const terminal = segments.length;
  segments.push(chunk({}, plan.finishReason, 0));
  const empty: Record<string, unknown> = { ...base, choices: [], p: pad() };
  if (context.includeUsage)
    empty.usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  segments.push(sseEvent(empty));
  if (context.trailer) segments.push(sseEvent({ response: "", usage }));
  segments.push(sseEvent("[DONE]"));
  return new SseEvents(segments, padding, terminal);
}
