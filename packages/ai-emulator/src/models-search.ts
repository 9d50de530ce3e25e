// The catalog as `env.AI.models()` and `GET /ai/models/search` list it.
import type { Model } from "@wai/ai-models";
import { registry } from "@wai/ai-models/registry";
import { createRandom, hash32, uuidFrom } from "./random.js";
import type { EmulatorModelInfo, EmulatorModelsParams } from "./types.js";

const taskDescriptions: Record<string, string> = {
  "Text Generation":
    "Family of generative text models, such as large language models (LLM), that can be adapted for a variety of natural language tasks.",
  "Text Embeddings":
    "Feature extraction models transform raw data into numerical features that can be processed while preserving the information in the original dataset.",
  "Text Classification":
    "Sentiment analysis or text classification is a common NLP task that classifies a text input into labels or classes.",
  "Text-to-Image": "Generates images from input text.",
  "Text-to-Speech":
    "Text-to-Speech (TTS) is the task of generating natural sounding speech given text input.",
  "Automatic Speech Recognition":
    "Automatic speech recognition (ASR) models convert a speech signal, typically an audio input, to text.",
  Translation: "Translation models convert a sequence of text from one language to another.",
  Summarization:
    "Summarization is the task of producing a shorter version of a document while preserving its important information.",
  "Image-to-Text": "Image to text models output a text from a given image.",
  "Object Detection":
    "Object detection models can detect instances of objects like persons, faces, license plates, or others in an image.",
  "Image Classification":
    "Image classification models take an image input and assigns it labels or classes.",
  "Voice Activity Detection":
    "Detecting the presence or absence of human speech, used in speech processing.",
};

const uuid = (text: string) => uuidFrom(createRandom(hash32(text)));

/** One model as `models()` lists it. */
export function modelInfo(model: Model): EmulatorModelInfo {
  const properties: EmulatorModelInfo["properties"] = [];
  const { capabilities } = model;
  if (capabilities.beta) properties.push({ property_id: "beta", value: "true" });
  if (model.contextWindow !== undefined)
    properties.push({ property_id: "context_window", value: String(model.contextWindow) });
  if (capabilities.tools && model.task === "Text Generation")
    properties.push({ property_id: "function_calling", value: "true" });
  if (capabilities.asyncBatch) properties.push({ property_id: "async_queue", value: "true" });
  return {
    id: uuid(model.id),
    source: 1,
    name: model.id,
    description: model.description,
    task: {
      id: uuid(model.task),
      name: model.task,
      description: taskDescriptions[model.task] ?? model.task,
    },
    tags: [],
    properties,
  };
}

/** The catalog filtered and paged as the service does it. */
export function searchModels(params: EmulatorModelsParams = {}): EmulatorModelInfo[] {
  const search = params.search?.toLowerCase();
  const task = params.task?.toLowerCase();
  const author = params.author?.toLowerCase();
  let list = [...registry.values()]
    .filter(
      (model) =>
        !search ||
        model.id.toLowerCase().includes(search) ||
        model.description.toLowerCase().includes(search),
    )
    .filter((model) => !task || model.task.toLowerCase() === task)
    .filter((model) => !author || model.id.split("/")[1]?.toLowerCase() === author)
    .filter((model) => !params.hide_experimental || !model.capabilities.beta)
    .map(modelInfo);
  if (params.per_page !== undefined) {
    const page = Math.max(1, params.page ?? 1);
    list = list.slice((page - 1) * params.per_page, page * params.per_page);
  }
  return list;
}
