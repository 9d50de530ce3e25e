import * as v from "valibot";
import { decodeJSONEvents } from "/work/main/packages/typed-stream/dist/index.js";
const multilingual = ["Hello, world! ","Grüße aus Köln, ","こんにちは世界、","مرحبا بالعالم ","Привет, мир! ","नमस्ते दुनिया ","你好，世界。","👋🏽 👨‍👩‍👧‍👦 🇯🇵 ","Ελληνικά ","🙂\n"];
let text = "";
let i = 0;
while (text.length < 12e6) { text += `data: ${JSON.stringify({ response: multilingual[i % 10], p: "abcdefghijklmnop".slice(0, 4 + (i % 12)) })}\n\n`; i++; }
text += "data: [DONE]\n\n";
const bytes = new TextEncoder().encode(text);
const chunks = []; for (let s = 0; s < bytes.length; s += 2500) chunks.push(bytes.subarray(s, s + 2500));
const Chunk = v.object({ response: v.string(), p: v.optional(v.string()) });
const source = () => { let k = 0; return new ReadableStream({ pull(c) { const x = chunks[k++]; x ? c.enqueue(x) : c.close(); } }); };
let sink = 0;
const mode = process.argv[2];
async function once() {
  if (mode === "schema") for await (const c of decodeJSONEvents(source(), { schema: Chunk })) sink += c.response.length;
  else if (mode === "plain") for await (const c of decodeJSONEvents(source())) sink += c.response.length;
  else { const d = new TextDecoder(); let buf = ""; for (const ch of chunks) { buf += d.decode(ch, { stream: true }); let s = 0; for (let e = buf.indexOf("\n\n"); e !== -1; e = buf.indexOf("\n\n", s)) { const data = buf.slice(s + 6, e); s = e + 2; if (data === "[DONE]") break; sink += JSON.parse(data).response.length; } buf = buf.slice(s); } }
}
for (let w = 0; w < 5; w++) await once();
const t = performance.now(); for (let r = 0; r < 20; r++) await once(); console.log(mode, i, "events", ((performance.now() - t) / 20).toFixed(1), "ms/run");
