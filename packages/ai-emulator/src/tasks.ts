// What each model answers: one function per task, deterministic in the input.
import type { Model } from "@wai/ai-models";
import { chatAnswer, chatEvents, chatFamily, planChat, readChatRequest } from "./chat.js";
import { embed, embeddingDimension, rank } from "./embeddings.js";
import { encodeJpeg, encodeMp3, encodePng, encodeWav, toBase64 } from "./files.js";
import { createRandom, hash32, type Random, stableJson, uuidFrom } from "./random.js";
import type { SseEvents } from "./sse.js";
import { countTokens, keywords, tokenEnds } from "./text.js";
import type { ScriptedReply } from "./types.js";

/** What the emulated service answers: JSON, server-sent events, or a file. */
export type Answer =
  | { kind: "json"; value: unknown }
  | { kind: "sse"; events: SseEvents }
  | { kind: "binary"; bytes: Uint8Array; contentType: string };

/** What answering needs besides the model and input. */
export interface AnswerContext {
  script?: ScriptedReply | undefined;
  replyTokens?: number | undefined;
  defaultMaxTokens: number;
  /** Milliseconds since the epoch. */
  now: number;
  /** Whether an OpenAI-format answer is forced (the /ai/v1 endpoints). */
  openai?: boolean | undefined;
  /** Whether an OpenAI-format stream ends with the native usage trailer. */
  trailer?: boolean | undefined;
  /** `stableJson` of the input, when the caller has it already. */
  inputJson?: string | undefined;
}

type Input = Record<string, unknown>;

const json = (value: unknown): Answer => ({ kind: "json", value });

function textList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

const transcripts = [
  "Hello, and welcome to the weekly update on the project.",
  "The weather in Lisbon is sunny today, with a light breeze from the sea.",
  "Please remember to save your work before the meeting starts.",
  "Thank you for calling, how can I help you today?",
  "The quick brown fox jumps over the lazy dog.",
  "Our next stop is the central station, change here for the airport.",
];

function transcript(random: Random): {
  text: string;
  words: { word: string; start: number; end: number }[];
} {
  const text = random.pick(transcripts);
  let time = 0.12;
  const words = text.split(" ").map((word) => {
    const start = Math.round(time * 100) / 100;
    time += 0.18 + word.length * 0.04;
    const end = Math.round(time * 100) / 100;
    time += 0.06;
    return { word, start, end };
  });
  return { text, words };
}

function vtt(words: { word: string; start: number; end: number }[]): string {
  const stamp = (seconds: number) => {
    const ms = Math.round(seconds * 1000);
    const pad = (value: number, size = 2) => String(value).padStart(size, "0");
    return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
  };
  return `WEBVTT\n\n${words.map((word) => `${stamp(word.start)} --> ${stamp(word.end)}\n${word.word}`).join("\n\n")}\n`;
}

const sentimentWords = {
  positive:
    "good great love excellent happy wonderful nice amazing best like enjoy fantastic awesome fun".split(
      " ",
    ),
  negative:
    "bad terrible hate awful sad poor worst boring horrible angry ugly disappointing broken wrong".split(
      " ",
    ),
};

const imageLabels = [
  "tabby cat",
  "golden retriever",
  "sports car",
  "coffee mug",
  "laptop",
  "mountain bike",
  "daisy",
  "lighthouse",
  "teapot",
  "pizza",
];
const objectLabels = [
  "person",
  "cat",
  "dog",
  "car",
  "bicycle",
  "chair",
  "cup",
  "laptop",
  "bottle",
  "book",
];

const dictionaries: Record<string, Record<string, string>> = {
  fr: {
    hello: "bonjour",
    world: "monde",
    good: "bon",
    morning: "matin",
    thank: "merci",
    you: "vous",
    the: "le",
    is: "est",
    cat: "chat",
    dog: "chien",
    weather: "météo",
    today: "aujourd'hui",
  },
  es: {
    hello: "hola",
    world: "mundo",
    good: "buen",
    morning: "día",
    thank: "gracias",
    you: "tú",
    the: "el",
    is: "es",
    cat: "gato",
    dog: "perro",
    weather: "tiempo",
    today: "hoy",
  },
  de: {
    hello: "hallo",
    world: "Welt",
    good: "guten",
    morning: "Morgen",
    thank: "danke",
    you: "du",
    the: "die",
    is: "ist",
    cat: "Katze",
    dog: "Hund",
    weather: "Wetter",
    today: "heute",
  },
  hi: {
    hello: "नमस्ते",
    world: "दुनिया",
    good: "अच्छा",
    thank: "धन्यवाद",
    you: "आप",
    cat: "बिल्ली",
    dog: "कुत्ता",
    today: "आज",
  },
  ja: {
    hello: "こんにちは",
    world: "世界",
    thank: "ありがとう",
    cat: "猫",
    dog: "犬",
    today: "今日",
  },
};

function translate(text: string, language: string): string {
  const dictionary =
    dictionaries[language.slice(0, 2).toLowerCase()] ??
    dictionaries[language.startsWith("hin") ? "hi" : ""];
  if (!dictionary) return text;
  return text.replace(/\p{L}+/gu, (word) => {
    const translated = dictionary[word.toLowerCase()];
    if (!translated) return word;
    return word[0] === word[0]?.toUpperCase()
      ? translated[0]?.toUpperCase() + translated.slice(1)
      : translated;
  });
}

function imageSize(input: Input, fallback: number): [number, number] {
  const size = (value: unknown) =>
    typeof value === "number" && value >= 8 ? Math.min(4096, Math.round(value)) : fallback;
  return [size(input.width), size(input.height)];
}

function chat(model: Model, input: Input, context: AnswerContext, random: Random): Answer {
  const family = context.openai ? "openai" : chatFamily(model);
  const request = readChatRequest(input);
  const format = input.response_format as
    | { type?: string; json_schema?: { schema?: unknown } | unknown }
    | undefined;
  const plan = planChat(model, request, {
    replyTokens: context.replyTokens,
    defaultMaxTokens: context.defaultMaxTokens,
    script: context.script,
  });
  if (
    format &&
    (format.type === "json_schema" || format.type === "json_object") &&
    !context.script
  ) {
    const schema =
      (format.json_schema as { schema?: unknown } | undefined)?.schema ?? format.json_schema;
    const question = request.messages.at(-1)?.content ?? "";
    plan.text = JSON.stringify(
      format.type === "json_schema"
        ? toolArgumentsOf(schema, question)
        : { answer: keywords(question).slice(0, 3).join(" ") },
    );
    plan.textEnds = tokenEnds(plan.text);
    plan.toolCalls = [];
    plan.finishReason = "stop";
    plan.completionTokens = plan.textEnds.length + plan.reasoningEnds.length;
  }
  const wire = {
    model,
    id: `chatcmpl-${uuidFrom(random).replaceAll("-", "")}`,
    created: Math.floor(context.now / 1000),
    random,
    includeUsage: request.includeUsage,
    trailer: context.trailer ?? true,
  };
  // Legacy JSON mode and models that do not stream answer JSON even when asked to stream.
  const streams =
    request.stream &&
    (model.capabilities.streaming || context.openai) &&
    !(format && family === "native");
  if (streams) return { kind: "sse", events: chatEvents(family, plan, request, wire) };
  return json(chatAnswer(family, plan, request, wire));
}

import { toolArguments } from "./tool-arguments.js";

const toolArgumentsOf = toolArguments;

function clef(input: Input, random: Random): Answer {
  const questions = (input.questions ?? {}) as Record<
    string,
    { type?: string; criteria?: unknown }
  >;
  const answers: Record<string, unknown> = {};
  for (const [id, question] of Object.entries(questions)) {
    const confidence = Math.round((0.6 + random.next() * 0.35) * 1000) / 1000;
    if (question.type === "choice") {
      const options = Object.keys((question.criteria ?? {}) as object);
      const probabilities: Record<string, number> = {};
      options.forEach((option, index) => {
        probabilities[option] =
          index === 0
            ? confidence
            : Math.round(((1 - confidence) / Math.max(1, options.length - 1)) * 1000) / 1000;
      });
      answers[id] = { type: "choice", choice: options[0] ?? "", probabilities, confidence };
    } else if (question.type === "score") {
      const levels = Array.isArray(question.criteria) ? question.criteria : [];
      const legend: Record<string, unknown> = {};
      const probabilities: Record<string, number> = {};
      levels.forEach((level, index) => {
        legend[String(index)] = level;
        probabilities[String(index)] = Math.round((1 / Math.max(1, levels.length)) * 1000) / 1000;
      });
      answers[id] = {
        type: "score",
        score: (levels.length - 1) / 2,
        legend,
        probabilities,
        confidence,
      };
    } else {
      answers[id] = { type: "noul", noul: Math.round(random.next() * 1000) / 1000 };
    }
  }
  const state = typeof input.state === "string" ? input.state : JSON.stringify(input.state ?? "");
  return json({
    model: String(input.model ?? "clef").trim(),
    answers,
    usage: { input_tokens: countTokens(state) + 8, output_tokens: Object.keys(answers).length * 3 },
  });
}

/** The answer of a model to an input that passed its schema. */
export function answerModel(model: Model, input: Input, context: AnswerContext): Answer {
  const seed = hash32(context.inputJson ?? stableJson(input));
  const random = createRandom(seed);
  const id = model.id;
  switch (model.task) {
    case "Text Generation":
      if (id.startsWith("@cf/cloudflare/clef")) return clef(input, random);
      if (id === "@cf/meta/llama-guard-3-8b") {
        const usage = {
          prompt_tokens: countTokens(stableJson(input.messages)),
          completion_tokens: 1,
          total_tokens: 0,
        };
        usage.total_tokens = usage.prompt_tokens + 1;
        const structured =
          (input.response_format as { type?: string } | undefined)?.type === "json_object";
        return json({ response: structured ? { safe: true, categories: [] } : "safe", usage });
      }
      return chat(model, input, context, random);
    case "Text Embeddings": {
      const dimension = embeddingDimension(id);
      if (typeof input.query === "string" || Array.isArray(input.contexts)) {
        const contexts = ((input.contexts ?? []) as { text?: string }[]).map(
          (item) => item.text ?? "",
        );
        return json({ response: rank(String(input.query ?? ""), contexts, dimension) });
      }
      const texts = [
        ...textList(input.queries),
        ...textList(input.documents),
        ...textList(input.text),
      ];
      const data = texts.map((text) => embed(text, dimension));
      const shape = [data.length, dimension];
      if (id.includes("bge")) return json({ shape, data, pooling: input.pooling ?? "mean" });
      return json({ data, shape });
    }
    case "Text Classification": {
      if (typeof input.query === "string") {
        const contexts = ((input.contexts ?? []) as { text?: string }[]).map(
          (item) => item.text ?? "",
        );
        return json({
          response: rank(
            input.query,
            contexts,
            1024,
            typeof input.top_k === "number" ? input.top_k : undefined,
          ),
        });
      }
      const words =
        String(input.text ?? "")
          .toLowerCase()
          .match(/\p{L}+/gu) ?? [];
      const score = words.reduce(
        (sum, word) =>
          sum +
          (sentimentWords.positive.includes(word) ? 1 : 0) -
          (sentimentWords.negative.includes(word) ? 1 : 0),
        0,
      );
      const positive =
        Math.round((1 / (1 + Math.exp(-1.5 * score - (random.next() - 0.5) * 0.2))) * 1e6) / 1e6;
      const results = [
        { label: "NEGATIVE", score: Math.round((1 - positive) * 1e6) / 1e6 },
        { label: "POSITIVE", score: positive },
      ];
      return json(results.sort((a, b) => b.score - a.score));
    }
    case "Text-to-Image": {
      if (/stable-diffusion|dreamshaper/.test(id)) {
        const [width, height] = imageSize(input, /xl/.test(id) ? 1024 : 512);
        return { kind: "binary", bytes: encodePng(width, height, seed), contentType: "image/png" };
      }
      const [width, height] = imageSize(input, 1024);
      const jpeg = encodeJpeg(width, height, seed);
      if (id.includes("phoenix")) return { kind: "binary", bytes: jpeg, contentType: "image/jpeg" };
      return json({ image: toBase64(jpeg) });
    }
    case "Text-to-Speech": {
      const text = String(input.text ?? input.prompt ?? "");
      const seconds = 0.5 + countTokens(text) * 0.3;
      if (id.includes("melotts")) return json({ audio: toBase64(encodeMp3(seconds)) });
      if (input.container === "wav" || (input.encoding !== undefined && input.encoding !== "mp3")) {
        const rate = typeof input.sample_rate === "number" ? input.sample_rate : 24000;
        return {
          kind: "binary",
          bytes: encodeWav(seconds, rate, seed),
          contentType: input.container === "none" ? "audio/l16" : "audio/wav",
        };
      }
      return { kind: "binary", bytes: encodeMp3(seconds), contentType: "audio/mpeg" };
    }
    case "Automatic Speech Recognition": {
      const { text, words } = transcript(random);
      if (id.includes("nova-3")) {
        return json({
          results: {
            channels: [
              {
                alternatives: [
                  {
                    transcript: text,
                    confidence: 0.98,
                    words: words.map((word) => ({
                      word: word.word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, ""),
                      start: word.start,
                      end: word.end,
                      confidence: 0.97,
                      punctuated_word: word.word,
                    })),
                  },
                ],
              },
            ],
          },
        });
      }
      if (id === "@cf/deepgram/flux") {
        return json({
          request_id: uuidFrom(random),
          sequence_id: 0,
          event: "EndOfTurn",
          turn_index: 0,
          audio_window_start: 0,
          audio_window_end: words.at(-1)?.end ?? 0,
          transcript: text,
          words: words.map((word) => ({ word: word.word, confidence: 0.97 })),
          end_of_turn_confidence: 0.93,
        });
      }
      const duration = words.at(-1)?.end ?? 0;
      if (id.includes("large-v3-turbo")) {
        return json({
          transcription_info: {
            language: String(input.language ?? "en"),
            language_probability: 0.99,
            duration,
            duration_after_vad: duration,
          },
          text,
          word_count: words.length,
          segments: [
            {
              start: words[0]?.start ?? 0,
              end: duration,
              text,
              temperature: 0,
              avg_logprob: -0.2,
              compression_ratio: 1.1,
              no_speech_prob: 0.01,
              words,
            },
          ],
          vtt: vtt(words),
        });
      }
      return json({ text, word_count: words.length, words, vtt: vtt(words) });
    }
    case "Translation": {
      if (id.includes("indictrans")) {
        const target = String(input.target_language ?? "hin_Deva");
        return json({ translations: textList(input.text).map((text) => translate(text, target)) });
      }
      return json({
        translated_text: translate(String(input.text ?? ""), String(input.target_lang ?? "fr")),
      });
    }
    case "Summarization": {
      const text = String(input.input_text ?? "");
      const limit = typeof input.max_length === "number" ? input.max_length : 1024;
      const sentences = text.match(/[^.!?]+[.!?]*/g) ?? [text];
      let summary = "";
      for (const sentence of sentences) {
        if (countTokens(summary + sentence) > limit) break;
        summary += sentence;
        if (summary.length > text.length / 3) break;
      }
      return json({ summary: summary.trim() || text.slice(0, 200) });
    }
    case "Image-to-Text": {
      const label = random.pick(imageLabels);
      if (id.includes("moondream")) {
        const task = String(input.task ?? "query");
        const answer: Record<string, unknown> = {
          finish_reason: "stop",
          metrics: {
            input_tokens: 729 + countTokens(String(input.question ?? "")),
            output_tokens: 12,
            prefill_time_ms: 41.5,
            decode_time_ms: 88.2,
            ttft_ms: 52.3,
          },
        };
        if (task === "caption") answer.caption = `A photo of a ${label} in soft daylight.`;
        else if (task === "point")
          answer.points = [
            {
              x: Math.round(random.next() * 1000) / 1000,
              y: Math.round(random.next() * 1000) / 1000,
            },
          ];
        else if (task === "detect")
          answer.objects = [{ x_min: 0.1, y_min: 0.2, x_max: 0.6, y_max: 0.8 }];
        else answer.answer = `It looks like a ${label}.`;
        return json(answer);
      }
      const prompt = typeof input.prompt === "string" ? input.prompt : "";
      return json({
        description: `The image shows a ${label}${prompt ? `; ${keywords(prompt).slice(0, 3).join(", ")}` : ""}.`,
      });
    }
    case "Object Detection": {
      const count = 1 + random.int(3);
      return json(
        Array.from({ length: count }, () => {
          const xmin = random.int(300);
          const ymin = random.int(300);
          return {
            label: random.pick(objectLabels),
            score: Math.round((0.7 + random.next() * 0.29) * 1e4) / 1e4,
            box: {
              xmin,
              ymin,
              xmax: xmin + 50 + random.int(300),
              ymax: ymin + 50 + random.int(300),
            },
          };
        }).sort((a, b) => b.score - a.score),
      );
    }
    case "Image Classification": {
      let left = 1;
      const results = [...imageLabels]
        .sort(() => random.next() - 0.5)
        .slice(0, 5)
        .map((label, index) => {
          const score = index === 4 ? left * 0.5 : left * (0.55 + random.next() * 0.3);
          left -= score;
          return { label: label.toUpperCase(), score: Math.round(score * 1e6) / 1e6 };
        });
      return json(results);
    }
    case "Voice Activity Detection": {
      const probability = Math.round(random.next() * 1e4) / 1e4;
      return json({ is_complete: probability > 0.5, probability });
    }
    default:
      return json({ response: "" });
  }
}
