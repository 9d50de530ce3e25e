import { expect, test } from "vitest";
import { decodeJSONEvents } from "./decode-json-events.js";
import { toSSEResponse } from "./to-sse-response.js";
import { TypedReadableStream } from "./typed-readable-stream.js";

test("a Response with SSE headers and the encoded body", async () => {
  const response = toSSEResponse(TypedReadableStream.from([{ text: "hi" }]));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
  expect(await response.text()).toBe('data: {"text":"hi"}\n\ndata: [DONE]\n\n');
});

test("init sets the status and headers, and may override the defaults", async () => {
  const response = toSSEResponse([1], {
    status: 201,
    headers: { "access-control-allow-origin": "*", "cache-control": "no-store" },
    done: false,
  });
  expect(response.status).toBe(201);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(await response.text()).toBe("data: 1\n\n");
});

test("a browser-side decodeJSONEvents reads it back", async () => {
  const values = [{ type: "text-delta", text: "Hé" }, { type: "finish" }];
  const response = toSSEResponse(values);
  expect(await decodeJSONEvents(response, { requireDone: true }).toArray()).toEqual(values);
});
