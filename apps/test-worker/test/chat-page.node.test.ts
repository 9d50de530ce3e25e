// The chat page in a real browser: Chromium (Debian's package; scripts/test.sh installs it
// when missing) driven by playwright-core loads the page from `wrangler dev` (the emulator
// bound as AI), sends a message, sees the answer stream in with a tool call and its
// result, and saves a screenshot that must be a non-blank PNG.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startWranglerDev } from "../scripts/wrangler-dev.ts";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** How many distinct byte values the image data of a PNG holds: 1 or 2 for a blank page. */
function distinctPixelBytes(png: Buffer): number {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    if (type === "IDAT") data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return new Set(inflateSync(Buffer.concat(data))).size;
}

describe("the chat page", () => {
  let server: DevServer;
  beforeAll(async () => {
    if (!existsSync(executablePath))
      throw new Error(
        `No Chromium at ${executablePath}: scripts/test.sh installs it (apt-get install chromium)`,
      );
    server = await startWranglerDev();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("streams an answer with a tool call into the page", async () => {
    const browser = await chromium.launch({
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
      await page.goto(server.url);
      await expect
        .poll(() => page.locator("#model option").count(), { timeout: 15_000 })
        .toBeGreaterThan(30);
      expect(await page.locator("#model").inputValue()).toBe(
        "@cf/meta/llama-4-scout-17b-16e-instruct",
      );
      await page.fill("#prompt", "What is 12.5 multiply 8?");
      await page.press("#prompt", "Enter");
      const answer = page.locator(".turn.assistant");
      await answer.locator(".tool .result").waitFor({ timeout: 30_000 });
      await page.locator('.turn.assistant[data-state="done"]').waitFor({ timeout: 30_000 });
      expect(await answer.locator(".tool b").textContent()).toBe("calculate");
      expect(await answer.locator(".tool .result").textContent()).toContain("100");
      expect(((await answer.locator(".text").last().textContent()) ?? "").length).toBeGreaterThan(
        10,
      );
      expect(await answer.locator(".meta .finish").last().textContent()).toBe("finish: stop");
      const screenshot = await page.screenshot({ fullPage: true });
      const dir = join(import.meta.dirname, "..", "test-results");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "chat.png"), screenshot);
      expect(distinctPixelBytes(screenshot)).toBeGreaterThan(20);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
