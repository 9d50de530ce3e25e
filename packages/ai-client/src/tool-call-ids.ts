// Tool-call ids as a conversation sends them back: opaque, unique within the
// conversation, and of the form the model family accepts.

const alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Models that accept only ids of exactly 9 letters and digits: the Mistral family
 * (docs/wire-formats.md, "A conversation with tool calls"), and Llama 4 Scout, whose
 * published message schema is Mistral 3's (`tool_call_id` must match `[a-zA-Z0-9]{9}`).
 */
const ninesOnly = /mistral|llama-4-scout/i;

function randomId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = "";
  for (const byte of bytes) id += alphanumerics[byte % alphanumerics.length];
  return id;
}

/**
 * Gives each tool call of a conversation the id it is sent back with: the model's own id
 * when that is new to the conversation and of a form the model accepts, else a fresh one
 * (some models repeat ids across turns, or send none, which the decoder names
 * `call_<index>`). For Mistral-family models and Llama 4 Scout, every id is 9 letters and
 * digits.
 */
export class ToolCallIds {
  readonly #used = new Set<string>();
  readonly #nineAlphanumerics: boolean;

  constructor(model: string, messages: readonly unknown[]) {
    this.#nineAlphanumerics = ninesOnly.test(model);
    for (const message of messages) {
      const { tool_calls: calls, tool_call_id: answered } = (message ?? {}) as {
        tool_calls?: { id?: unknown }[];
        tool_call_id?: unknown;
      };
      if (typeof answered === "string") this.#used.add(answered);
      if (Array.isArray(calls)) {
        for (const call of calls) if (typeof call?.id === "string") this.#used.add(call.id);
      }
    }
  }

  /** The id to send back for a call the model named `id`. */
  next(id: string): string {
    let result = id;
    if (this.#nineAlphanumerics) {
      while (!/^[a-zA-Z0-9]{9}$/.test(result) || this.#used.has(result)) result = randomId(9);
    } else {
      for (let n = 2; this.#used.has(result); n++) result = `${id}_${n}`;
    }
    this.#used.add(result);
    return result;
  }
}
