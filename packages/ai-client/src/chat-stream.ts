// The stream `ai.stream` returns: the decoded chat events, read in place, with the final
// answer folded as the events pass (no tee), whatever form the answer came in.
import {
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
  TypedReadableStream,
  toSSEResponse,
  transform,
} from "@wai/typed-stream";
import { AiClientError } from "./ai-client-error.js";
import { abortReason, type CallScope, toClientError } from "./call.js";
import { isByteStream, readAll, startsWithObject } from "./output.js";

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
function answerAsEvents(answer: unknown): Uint8Array {
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
  return new TextEncoder().encode(`${text}data: [DONE]\n\n`);
}

/**
 * Makes the stream of a call whose answer `answer` resolves to (a byte stream, or JSON
 * when the model did not stream), within `scope`.
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
  // The stream ends early: by an error, or by the consumer (any other reason).
  const stop = (reason: unknown) => {
    if (finished) return;
    const error =
      reason instanceof Error
        ? toClientError(reason, { model, signal: scope.signal })
        : new AiClientError(`The stream of ${model} was cancelled`, { kind: "aborted", model });
    scope.abort(error);
    finish(error);
  };

  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let first = true;
  // On abort (signal or timeout), the upstream body is cancelled; a pending read then
  // ends, and the stream errors with the abort's reason.
  const onAbort = () => {
    reader?.cancel(scope.signal.reason).catch(() => {});
  };
  scope.signal.addEventListener("abort", onAbort, { once: true });

  const bytes = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!reader) {
            const result = await Promise.race([answer, scope.aborted]);
            if (!isByteStream(result)) {
              controller.enqueue(answerAsEvents(result));
              controller.close();
              return;
            }
            reader = result.getReader();
          }
          const { done, value } = await reader.read();
          if (scope.signal.aborted) throw abortReason(scope.signal);
          if (done) return controller.close();
          if (first) {
            first = false;
            if (startsWithObject(value)) {
              // A JSON answer, sent as bytes: read it whole, and stream what it says.
              const rest = await readAll(
                new ReadableStream({
                  pull: async (c) => {
                    const next = await (reader as ReadableStreamDefaultReader<Uint8Array>).read();
                    if (next.done) c.close();
                    else c.enqueue(next.value);
                  },
                }),
              );
              const whole = new Uint8Array(value.byteLength + rest.byteLength);
              whole.set(value);
              whole.set(rest, value.byteLength);
              controller.enqueue(answerAsEvents(JSON.parse(new TextDecoder().decode(whole))));
              controller.close();
              return;
            }
          }
          controller.enqueue(value);
        } catch (cause) {
          const error = toClientError(cause, { model, signal: scope.signal });
          finish(error);
          throw error;
        }
      },
      cancel(reason) {
        // The decoder cancels after [DONE] (no reason) or on its error; the consumer's
        // cancel is seen above (see `decoded`).
        if (reason instanceof Error) stop(reason);
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );

  const decoded = decodeChatStream(bytes, {
    // A bad event ends the stream with an AiClientError.
    onInvalid(error) {
      throw toClientError(error, { model });
    },
  });
  // The reader the events are read through (in place, by `transform`) is the one place
  // that sees the consumer cancel (`cancel()`, `break`) apart from the decoder's own end
  // after [DONE]: its cancel settles the final promises first.
  const getReader = decoded.getReader;
  Object.defineProperty(decoded, "getReader", {
    value(...args: []) {
      const reader = getReader.apply(decoded, args);
      const cancel = reader.cancel;
      reader.cancel = (reason?: unknown) => {
        stop(reason);
        return cancel.call(reader, reason);
      };
      return reader;
    },
  });
  const events = transform(decoded, {
    transform(event: ChatStreamEvent, controller) {
      reduceChatStreamEvent(accumulator, event);
      controller.enqueue(event);
      // `finish` is always the last event: the answer is complete.
      if (event.type === "finish") finish();
    },
    flush() {
      finish();
    },
  }) as ChatStream;

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
