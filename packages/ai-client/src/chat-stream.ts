// The stream `ai.stream` returns: the decoded chat events, read in place, with the final
// answer folded as the events pass (no tee), whatever form the answer came in.
import {
  AiModelsError,
  type ChatFinishReason,
  type ChatOutput,
  type ChatStreamEvent,
  type ChatToolCall,
  type ChatUsage,
  decodeChatStream,
  emptyChatOutput,
  normalizeChatOutput,
  reduceChatStreamEvent,
} from "@wai/ai-models";
import {
  type EncodeSSEOptions,
  type TransformController,
  TypedReadableStream,
  toSSEResponse,
  transform,
} from "@wai/typed-stream";
import { AiClientError } from "./ai-client-error.js";
import { abortReason, type CallScope, toClientError } from "./call.js";
import { isByteStream } from "./output.js";

/**
 * A streamed chat answer: a `TypedReadableStream` of `@wai/ai-models`' chat events
 * (`text-delta`, `reasoning-delta`, `tool-call-start`, `tool-call-delta`, `tool-call`,
 * `usage`, `finish`), and promises of the final answer.
 *
 * The promises are fed by the events as the stream is read: read the stream (or a
 * stream made from it, `textStream()`, `toSSEResponse()`) and await them after, with no
 * `tee`. Awaiting one of them without reading the stream reads it for you (it is then
 * locked). They reject with the stream's error, or with an {@link AiClientError} of kind
 * `"aborted"` when the stream is cancelled before its end.
 *
 * Cancelling the stream, leaving a `for await` loop early, or aborting the call's signal
 * cancels the upstream body.
 */
export interface ChatStream extends TypedReadableStream<ChatStreamEvent> {
  /** The whole answer: text, reasoning, tool calls, usage and finish reason. */
  readonly output: Promise<ChatOutput>;
  /** The answer's text. */
  readonly text: Promise<string>;
  /** The model's reasoning; `""` when there was none. */
  readonly reasoning: Promise<string>;
  /** The complete tool calls, in order. */
  readonly toolCalls: Promise<ChatToolCall[]>;
  /** The usage; `undefined` when the model reported none. */
  readonly usage: Promise<ChatUsage | undefined>;
  /** Why the answer ended; `"truncated"` for a stream that was cut off. */
  readonly finishReason: Promise<ChatFinishReason>;
  /** The text deltas alone, as strings (reads this stream). */
  textStream(): TypedReadableStream<string>;
  /**
   * A server-sent-events `Response` of the events, for a browser (reads this stream):
   * each event is `data: <event JSON>`, then `data: [DONE]`; an error ends it with an
   * `event: error` (name, code and message only).
   */
  toSSEResponse(init?: ResponseInit & EncodeSSEOptions<ChatStreamEvent>): Response;
}

/**
 * A whole (non-streamed) answer as the server-sent events of the same answer streamed:
 * one OpenAI chunk, the usage trailer, `[DONE]`. Decoded, they give the events the answer
 * stands for, so that a model that answers JSON when asked to stream reads the same.
 */
function answerAsEvents(answer: unknown): ReadableStream<Uint8Array> {
  const output = normalizeChatOutput(answer);
  const delta: Record<string, unknown> = {};
  if (output.reasoning) delta.reasoning_content = output.reasoning;
  if (output.text) delta.content = output.text;
  if (output.toolCalls.length > 0) {
    delta.tool_calls = output.toolCalls.map((call) => ({
      index: call.index,
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.rawArguments },
    }));
  }
  // Without a finish reason on the wire, [DONE] gives the same reason normalizing did.
  const choice: Record<string, unknown> = { index: 0, delta };
  if (output.rawFinishReason !== undefined) choice.finish_reason = output.rawFinishReason;
  const chunks: unknown[] = [{ choices: [choice] }];
  if (output.usage) chunks.push({ response: "", usage: output.usage.raw });
  const text = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("");
  return TypedReadableStream.from([new TextEncoder().encode(`${text}data: [DONE]\n\n`)]);
}

/**
 * Makes the stream of a call whose answer `answer` resolves to (a byte stream, or JSON
 * when the model did not stream), within `scope`. The answer's bytes go straight into
 * `decodeChatStream` (which takes the promise of them), and its events through one
 * transform, read in place, that folds them into the final answer: no byte stream, tee
 * or reader in between.
 */
export function chatStream(model: string, answer: Promise<unknown>, scope: CallScope): ChatStream {
  let settle!: { resolve(output: ChatOutput): void; reject(error: AiClientError): void };
  const output = new Promise<ChatOutput>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may never await it: a rejection must not go unhandled.
  output.catch(() => {});
  let finished = false;
  const finish = (error?: AiClientError) => {
    if (finished) return;
    finished = true;
    scope.done();
    if (error) settle.reject(error);
    else settle.resolve(accumulator);
  };
  const accumulator = emptyChatOutput();
  const handle = (event: ChatStreamEvent, controller: TransformController<ChatStreamEvent>) => {
    reduceChatStreamEvent(accumulator, event);
    controller.enqueue(event);
    // `finish` is always the last event: the answer is complete.
    if (event.type === "finish") finish();
  };
  const decode = (bytes: PromiseLike<ReadableStream<Uint8Array>>) =>
    // decodeChatStream hands its input to decodeSSE, which takes a promise of the bytes.
    decodeChatStream(bytes as unknown as ReadableStream<Uint8Array>, {
      // A bad event ends the stream with an AiClientError.
      onInvalid(error) {
        throw toClientError(error, { model });
      },
    });

  const events = transform(
    decode(answer.then((result) => (isByteStream(result) ? result : answerAsEvents(result)))),
    {
      transform: handle,
      flush() {
        finish();
      },
      // A failure: the upstream's, the decoder's, or the abort (signal or timeout).
      async catch(cause, controller) {
        // A JSON answer that came as bytes (the decoder tells it, once it has it whole):
        // the events of what it says.
        if (
          AiModelsError.isInstance(cause) &&
          cause.code === "invalid-output" &&
          typeof cause.data === "object" &&
          !scope.signal.aborted
        ) {
          for await (const event of decode(Promise.resolve(answerAsEvents(cause.data)))) {
            handle(event, controller);
          }
          return;
        }
        const error = scope.signal.aborted
          ? abortReason(scope.signal)
          : toClientError(cause, { model, signal: scope.signal });
        finish(error);
        throw error;
      },
      // The consumer cancelled (`cancel()`, `break`): the call is aborted.
      cancel(reason) {
        if (finished) return;
        const error =
          reason instanceof Error
            ? toClientError(reason, { model, signal: scope.signal })
            : new AiClientError(`The stream of ${model} was cancelled`, { kind: "aborted", model });
        scope.abort(error);
        finish(error);
      },
    },
    // An abort (the caller's signal, the timeout) cancels the upstream body.
    { signal: scope.signal },
  ) as ChatStream;

  // Awaiting a final value without reading the stream reads it.
  const readUnlessRead = () =>
    queueMicrotask(() => {
      if (events.locked) return;
      (async () => {
        for await (const _ of events) {
          // Each event is folded into the output as it passes.
        }
      })().catch(() => {});
    });
  const final = <T>(pick: (output: ChatOutput) => T) => ({
    get(): Promise<T> {
      readUnlessRead();
      return output.then(pick);
    },
  });
  Object.defineProperties(events, {
    output: final((o) => o),
    text: final((o) => o.text),
    reasoning: final((o) => o.reasoning),
    toolCalls: final((o) => o.toolCalls),
    usage: final((o) => o.usage),
    finishReason: final((o) => o.finishReason),
    textStream: {
      value: () =>
        TypedReadableStream.from(events)
          .filter((event) => event.type === "text-delta")
          .map((event) => (event as { text: string }).text),
    },
    toSSEResponse: {
      value: (init?: ResponseInit & EncodeSSEOptions<ChatStreamEvent>) =>
        toSSEResponse(events, init),
    },
  });
  return events;
}
