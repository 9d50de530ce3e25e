// The Worker the size budget measures (size.config.json): it streams a chat with a tool
// through createAi, streamTools and Llama 4 Scout to the browser as server-sent events. Bundled by
// scripts/bundle-size.mjs with esbuild, minified and gzipped, valibot included.
import { tool } from "@wai/ai-models";
import { toSSEResponse } from "@wai/typed-stream";
import * as v from "valibot";
import { createAi, streamTools } from "../dist/index.js";

const weather = tool({
  name: "get_weather",
  description: "The current weather in a city",
  parameters: v.object({ city: v.string() }),
  execute: async ({ city }) => ({ city, celsius: 19 }),
});

export const worker = {
  async fetch(request: Request, env: { AI: Ai }): Promise<Response> {
    const ai = createAi(env.AI);
    const { question } = (await request.json()) as { question: string };
    const stream = streamTools(
      ai,
      "@cf/meta/llama-4-scout-17b-16e-instruct",
      { messages: [{ role: "user", content: question }] },
      { tools: [weather], signal: request.signal },
    );
    return toSSEResponse(stream);
  },
};
