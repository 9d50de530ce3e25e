/**
 * The chat messages that about thirty text-generation models accept in `messages` (the
 * Workers AI native shape: a role and text content): written by hand, imported by the
 * generated models. Checked against each model's JSON Schema by the differential tests.
 *
 * The richer message type of the chat layer (tool calls, content parts) is
 * `ChatMessage` in `src/chat/`.
 *
 * @module
 */
import * as v from "valibot";
import { maxCodePoints } from "./code-points.js";
import { jsonObject } from "./json-object.js";

/** One message of {@link Messages}. */
export interface Message {
  /** The role of the message sender (e.g. `"user"`, `"assistant"`, `"system"`, `"tool"`). */
  role: string;
  /** The content of the message as a string (at most 131,072 characters). */
  content: string;
}

/** The `messages` of a request. */
export type Messages = Message[];

/** The schema of {@link Messages}. Unknown keys of a message are kept. */
export const messagesSchema = v.array(
  jsonObject({
    role: v.string(),
    content: v.pipe(v.string(), maxCodePoints(131072)),
  }),
);
