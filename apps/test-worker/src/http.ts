// Reading requests: JSON bodies and raw uploads with a size limit, and required fields,
// each failure a problem response.
import * as v from "valibot";
import { HttpProblem } from "./problems.js";

/** The largest JSON body a route reads (1 MiB). */
export const maxJsonBytes = 1 << 20;
/** The largest upload (audio, image) a route reads (8 MiB). */
export const maxUploadBytes = 8 << 20;

/** The request's body as bytes, refused with 413 past `limit`, without reading further. */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const tooLarge = (limit: number) =>
  new HttpProblem(413, "Payload too large", `The body is larger than ${limit} bytes`);

/** The request's JSON body, checked against a valibot schema: 400 for what is malformed or missing. */
export async function readJson<S extends v.GenericSchema>(
  request: Request,
  schema: S,
): Promise<v.InferOutput<S>> {
  const text = new TextDecoder().decode(await readBytes(request, maxJsonBytes));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new HttpProblem(
      400,
      "Malformed JSON",
      `The body is not JSON: ${(cause as Error).message}`,
    );
  }
  const result = v.safeParse(schema, value);
  if (!result.success)
    throw new HttpProblem(
      400,
      "Invalid request",
      result.issues
        .map((issue) => {
          const path = v.getDotPath(issue);
          return path ? `${issue.message} at ${path}` : issue.message;
        })
        .join("; "),
    );
  return result.output;
}
