// What `run` makes of the binding's answer: JSON as it is, binary in one form (bytes).

/** Whether a value is a byte stream (a binding's, or one that crossed RPC). */
export function isByteStream(value: unknown): value is ReadableStream<Uint8Array> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ReadableStream).getReader === "function"
  );
}

/** Reads a byte stream whole. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The index of the first byte that is not JSON whitespace. */
function firstSignificant(bytes: Uint8Array): number | undefined {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  }
  return undefined;
}

/**
 * Whether bytes start like a JSON object: `{` after optional whitespace. Server-sent
 * events start with a field name or `:`, and images and audio with their magic numbers
 * (PNG 0x89, JPEG 0xFF, "ID3", "RIFF"), so this tells a JSON answer that came as a stream
 * (a `content-type` with a parameter, `application/json; charset=utf-8`) from the rest.
 */
function startsWithObject(bytes: Uint8Array): boolean {
  return firstSignificant(bytes) === 0x7b;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `{ image: "<base64>" }` or `{ audio: "<base64>" }`, and nothing else: flux, lucid, melotts. */
function base64Field(value: object): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  const field = (value as Record<string, unknown>)[key as string];
  return (key === "image" || key === "audio") && typeof field === "string" ? field : undefined;
}

/**
 * The output in its one form: a byte stream is read whole (JSON bytes are parsed; others
 * are the bytes), bytes are a `Uint8Array`, a base64 `{ image }` or `{ audio }` answer is
 * decoded to bytes, and any other JSON is returned as it is.
 */
export async function normalizeOutput(output: unknown): Promise<unknown> {
  if (isByteStream(output)) {
    const bytes = await readAll(output);
    if (startsWithObject(bytes)) {
      try {
        return normalizeOutput(JSON.parse(new TextDecoder().decode(bytes)));
      } catch {
        // Not JSON after all: bytes.
      }
    }
    return bytes;
  }
  if (output instanceof Uint8Array) return output;
  if (output instanceof ArrayBuffer) return new Uint8Array(output);
  if (typeof Blob !== "undefined" && output instanceof Blob) {
    return new Uint8Array(await output.arrayBuffer());
  }
  if (typeof output === "object" && output !== null && !Array.isArray(output)) {
    const base64 = base64Field(output);
    if (base64 !== undefined) {
      try {
        return decodeBase64(base64);
      } catch {
        return output;
      }
    }
  }
  return output;
}
