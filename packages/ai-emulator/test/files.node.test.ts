// The emulator's files are real files: decoders nobody here wrote open them (pngjs for
// PNG, jpeg-js for JPEG), with the sizes asked for; WAV is read by its RIFF header and MP3
// by its frame headers.
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { describe, expect, test } from "vitest";
import { encodeJpeg, encodeMp3, encodePng, encodeWav } from "../src/files.js";

describe("files", () => {
  test("PNG: pngjs decodes it, at the size asked for, with more than one colour", () => {
    for (const [width, height] of [
      [1, 1],
      [64, 48],
      [512, 320],
    ] as const) {
      const image = PNG.sync.read(Buffer.from(encodePng(width, height, 7)));
      expect([image.width, image.height]).toEqual([width, height]);
      expect(image.data.length).toBe(width * height * 4);
      if (width > 1) expect(new Set(image.data).size).toBeGreaterThan(2);
    }
  });

  test("JPEG: jpeg-js decodes it, at the size asked for", () => {
    for (const [width, height] of [
      [8, 8],
      [100, 60],
      [512, 512],
    ] as const) {
      const image = jpeg.decode(Buffer.from(encodeJpeg(width, height, 3)), { useTArray: true });
      expect([image.width, image.height]).toEqual([width, height]);
      expect(image.data.length).toBe(width * height * 4);
    }
  });

  test("WAV: a RIFF/WAVE file whose header says what its data holds", () => {
    const wav = Buffer.from(encodeWav(0.5, 16_000, 1));
    expect(wav.toString("latin1", 0, 4)).toBe("RIFF");
    expect(wav.toString("latin1", 8, 12)).toBe("WAVE");
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    const sampleRate = wav.readUInt32LE(24);
    const byteRate = wav.readUInt32LE(28);
    expect(sampleRate).toBe(16_000);
    const dataAt = wav.indexOf("data", 12, "latin1");
    expect(wav.readUInt32LE(dataAt + 4)).toBe(wav.length - dataAt - 8);
    expect((wav.length - dataAt - 8) / byteRate).toBeCloseTo(0.5, 2);
  });

  test("MP3: a run of MPEG audio frames, each header where the previous frame ends", () => {
    const mp3 = encodeMp3(1);
    let at =
      mp3[0] === 0x49
        ? 10 + ((mp3[6] ?? 0) << 21) + ((mp3[7] ?? 0) << 14) + ((mp3[8] ?? 0) << 7) + (mp3[9] ?? 0)
        : 0;
    let frames = 0;
    const bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    const rates = [44_100, 48_000, 32_000];
    while (at + 4 <= mp3.length) {
      expect([mp3[at], (mp3[at + 1] ?? 0) & 0xe0]).toEqual([0xff, 0xe0]);
      const bitrate = (bitrates[(mp3[at + 2] ?? 0) >> 4] ?? 0) * 1000;
      const rate = rates[((mp3[at + 2] ?? 0) >> 2) & 3] ?? 44_100;
      const padding = ((mp3[at + 2] ?? 0) >> 1) & 1;
      at += Math.floor((144 * bitrate) / rate) + padding;
      frames++;
    }
    expect(at).toBe(mp3.length);
    expect(frames).toBeGreaterThan(10);
  });
});
