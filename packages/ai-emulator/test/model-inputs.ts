// A valid input for every model of the catalog, by task: the first candidate that the
// model's input schema accepts.
import { type Model, safeParseInput } from "@wai/ai-models";
import { encodePng, encodeWav, toBase64 } from "../src/files.js";

const png = encodePng(16, 16, 7);
const wav = encodeWav(0.2, 16000, 3);
const question = "What is the weather like in Lisbon in spring?";

function candidates(model: Model): Record<string, unknown>[] {
  const id = model.id;
  switch (model.task) {
    case "Text Generation":
      if (id.startsWith("@cf/cloudflare/clef"))
        return [
          {
            model: id.includes("flash") ? "clef-flash" : id.includes("omni") ? "clef-omni" : "clef",
            state: "The customer asked for a refund and was polite.",
            questions: {
              polite: { type: "noul", instructions: "Was the customer polite?" },
              topic: {
                type: "choice",
                instructions: "What is it about?",
                criteria: { refund: "a refund", other: null },
              },
              tone: {
                type: "score",
                instructions: "Rate the tone",
                criteria: ["bad", "ok", "good"],
              },
            },
          },
        ];
      return [
        { messages: [{ role: "user", content: question }] },
        { prompt: question },
        { input: question },
      ];
    case "Text Embeddings":
      return [
        { text: ["The cat sat on the mat", "A dog in the park"] },
        { queries: "cats", documents: ["The cat sat"] },
      ];
    case "Text Classification":
      return [
        { text: "I love this wonderful film" },
        { query: "cats", contexts: [{ text: "The cat sat" }, { text: "Stock prices" }] },
      ];
    case "Text-to-Image":
      return [
        { prompt: "A lighthouse at dawn", width: 256, height: 320 },
        { prompt: "A lighthouse at dawn", width: 64, height: 48 },
        { prompt: "A lighthouse at dawn" },
        { multipart: { body: new FormData(), contentType: "multipart/form-data" } },
      ];
    case "Text-to-Speech":
      return [{ text: "Hello there, welcome." }, { prompt: "Hello there, welcome." }];
    case "Automatic Speech Recognition":
      return [
        { audio: Array.from(wav) },
        { audio: toBase64(wav) },
        {
          audio: {
            body: new Blob([wav as Uint8Array<ArrayBuffer>]).stream(),
            contentType: "audio/wav",
          },
        },
        { encoding: "linear16", sample_rate: "16000" },
      ];
    case "Translation":
      return [
        { text: "Hello world", target_lang: "fr" },
        { text: ["Hello world"], target_language: "hin_Deva" },
      ];
    case "Summarization":
      return [
        {
          input_text:
            "The city council met on Monday. It approved a new park. Residents were pleased. Work starts in May.",
        },
      ];
    case "Image-to-Text":
      return [
        { image: Array.from(png), prompt: "Describe the picture" },
        { task: "caption", image: `data:image/png;base64,${toBase64(png)}` },
      ];
    case "Object Detection":
    case "Image Classification":
      return [{ image: Array.from(png) }];
    case "Voice Activity Detection":
      return [{ audio: toBase64(wav) }];
    default:
      return [];
  }
}

/** A valid input of a model, or undefined when no candidate passes its schema. */
export function inputFor(model: Model): Record<string, unknown> | undefined {
  return candidates(model).find((input) => safeParseInput(model, input as never).success);
}

/** The input, asking for a stream. */
export function streamingInputFor(model: Model): Record<string, unknown> | undefined {
  const input = inputFor(model);
  return input && { ...input, stream: true };
}
