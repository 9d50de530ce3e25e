import { describe, expect, test } from "vitest";
import { AiClientError } from "./ai-client-error.js";
import { createAi } from "./create-ai.js";
import { restBinding } from "./rest-binding.js";

const token = "tok-123456789";

function recordingFetch(response: () => Response) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return response();
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

describe("restBinding", () => {
  test("posts the inputs to the model's URL, options as query parameters", async () => {
    const { requests, fetch } = recordingFetch(() =>
      Response.json({ result: { response: "hi" }, success: true, errors: [], messages: [] }),
    );
    const binding = restBinding({ accountId: "acc", apiToken: token, fetch });
    expect(
      await binding.run(
        "@cf/meta/llama-3.1-8b-instruct",
        { prompt: "x" },
        { queueRequest: true, tags: ["a", "b"] },
      ),
    ).toEqual({
      response: "hi",
    });
    const [request] = requests;
    expect(request?.url).toBe(
      "https://api.cloudflare.com/client/v4/accounts/acc/ai/run/@cf/meta/llama-3.1-8b-instruct?queueRequest=true&tags=a&tags=b",
    );
    expect(request?.headers.get("authorization")).toBe(`Bearer ${token}`);
    expect(await request?.json()).toEqual({ prompt: "x" });
  });

  test("AI Gateway: its URL and cf-aig-* headers", async () => {
    const { requests, fetch } = recordingFetch(() =>
      Response.json({ result: {}, success: true, errors: [], messages: [] }),
    );
    const binding = restBinding({ accountId: "acc", apiToken: token, fetch });
    await binding.run(
      "@cf/meta/llama-3.1-8b-instruct",
      { prompt: "x" },
      {
        gateway: {
          id: "gw",
          cacheTtl: 60,
          skipCache: true,
          metadata: { user: "u1", n: 1 },
          retries: { maxAttempts: 3, backoff: "exponential" },
        },
      },
    );
    const [request] = requests;
    expect(request?.url).toBe(
      "https://gateway.ai.cloudflare.com/v1/acc/gw/workers-ai/@cf/meta/llama-3.1-8b-instruct",
    );
    expect(
      Object.fromEntries(
        [...(request?.headers ?? [])].filter(([name]) => name.startsWith("cf-aig-")),
      ),
    ).toEqual({
      "cf-aig-cache-ttl": "60",
      "cf-aig-skip-cache": "true",
      "cf-aig-metadata": '{"user":"u1","n":1}',
      "cf-aig-max-attempts": "3",
      "cf-aig-backoff": "exponential",
    });
  });

  test("an answer that is not the envelope is a typed error quoting it, without the token", async () => {
    const body = `<html>proxy error for Bearer ${token} ${"x".repeat(1000)}</html>`;
    const { fetch } = recordingFetch(
      () => new Response(body, { headers: { "content-type": "application/json" } }),
    );
    const ai = createAi(restBinding({ accountId: "acc", apiToken: token, fetch }), {
      retry: false,
    });
    const error = await ai
      .run("@cf/meta/llama-3.1-8b-instruct", { prompt: "x" })
      .catch((e: unknown) => e);
    expect(AiClientError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: "invalid-response", status: 200 });
    const message = (error as Error).message;
    expect(message).toContain("<html>proxy error");
    expect(message.length).toBeLessThan(700);
    expect(`${message} ${JSON.stringify(error)}`).not.toContain(token);
  });

  test("an error envelope gives the code and status; a network failure is retryable", async () => {
    const { fetch } = recordingFetch(() =>
      Response.json(
        {
          success: false,
          errors: [{ code: 3040, message: "Capacity temporarily exceeded" }],
          result: null,
          messages: [],
        },
        { status: 429, headers: { "cf-ai-req-id": "r-1" } },
      ),
    );
    const ai = createAi(restBinding({ accountId: "acc", apiToken: token, fetch }), {
      retry: false,
    });
    await expect(ai.run("@cf/meta/llama-3.1-8b-instruct", { prompt: "x" })).rejects.toMatchObject({
      kind: "upstream",
      code: 3040,
      status: 429,
      retryable: true,
      requestId: "r-1",
    });
    const failing = restBinding({
      accountId: "acc",
      apiToken: token,
      fetch: async () => {
        throw new TypeError(`connect ECONNREFUSED (token ${token})`);
      },
    });
    const error = await createAi(failing, { retry: false })
      .run("@cf/meta/llama-3.1-8b-instruct", { prompt: "x" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "network", retryable: true });
    expect(`${(error as Error).message} ${String((error as Error).cause)}`).not.toContain(token);
  });

  test("holds the token nowhere a caller can read it", () => {
    const binding = restBinding({ accountId: "acc", apiToken: token });
    expect(JSON.stringify(binding)).not.toContain(token);
    expect(Object.values(binding).map(String).join(" ")).not.toContain(token);
  });
});
