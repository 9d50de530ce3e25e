// Real files, small and deterministic: PNG (zlib stored blocks), baseline JPEG (one
// colour per 8x8 block), MP3 (silent MPEG-1 Layer III frames) and WAV (16-bit PCM).

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let index = start; index < end; index++)
    crc = (crcTable[(crc ^ (bytes[index] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The colour of a pixel of the emulator's pictures: a gradient set by a seed. */
function colourAt(
  seed: number,
  x: number,
  y: number,
  width: number,
  height: number,
): [number, number, number] {
  const u = x / Math.max(1, width - 1);
  const w = y / Math.max(1, height - 1);
  const r = ((seed & 0xff) * (1 - u) + 255 * u * w) | 0;
  const g = (((seed >>> 8) & 0xff) * (1 - w) + 200 * u) | 0;
  const b = (((seed >>> 16) & 0xff) * (1 - u * w) + 120 * w) | 0;
  return [r & 0xff, g & 0xff, b & 0xff];
}

/** A PNG of `width` x `height` RGB pixels (a gradient chosen by `seed`). */
export function encodePng(width: number, height: number, seed: number): Uint8Array {
  const rowLength = width * 3 + 1;
  const raw = new Uint8Array(rowLength * height);
  for (let y = 0; y < height; y++) {
    const row = y * rowLength;
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colourAt(seed, x, y, width, height);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  // zlib: header, stored blocks of at most 65535 bytes, Adler-32.
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const zlib = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  zlib[0] = 0x78;
  zlib[1] = 0x01;
  let at = 2;
  for (let block = 0; block < blocks; block++) {
    const start = block * 65535;
    const length = Math.min(65535, raw.length - start);
    zlib[at++] = block === blocks - 1 ? 1 : 0;
    zlib[at++] = length & 0xff;
    zlib[at++] = length >>> 8;
    zlib[at++] = ~length & 0xff;
    zlib[at++] = (~length >>> 8) & 0xff;
    zlib.set(raw.subarray(start, start + length), at);
    at += length;
  }
  let a = 1;
  let b = 0;
  for (let index = 0; index < raw.length; index++) {
    a = (a + (raw[index] as number)) % 65521;
    b = (b + a) % 65521;
  }
  zlib[at++] = b >>> 8;
  zlib[at++] = b & 0xff;
  zlib[at++] = a >>> 8;
  zlib[at++] = a & 0xff;

  const chunks: [string, Uint8Array][] = [
    ["IHDR", new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0])],
    ["IDAT", zlib],
    ["IEND", new Uint8Array(0)],
  ];
  const size = 8 + chunks.reduce((sum, [, data]) => sum + 12 + data.length, 0);
  const png = new Uint8Array(size);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  for (const [type, data] of chunks) {
    png.set(u32(data.length), offset);
    for (let index = 0; index < 4; index++) png[offset + 4 + index] = type.charCodeAt(index);
    png.set(data, offset + 8);
    png.set(u32(crc32(png, offset + 4, offset + 8 + data.length)), offset + 8 + data.length);
    offset += 12 + data.length;
  }
  return png;
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** Canonical Huffman codes from a JPEG table's counts per length and symbols. */
function huffmanCodes(
  bits: number[],
  symbols: number[],
): Map<number, [code: number, length: number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let next = 0;
  for (let length = 1; length <= 16; length++) {
    for (let count = 0; count < (bits[length - 1] ?? 0); count++)
      codes.set(symbols[next++] as number, [code++, length]);
    code <<= 1;
  }
  return codes;
}

const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const dcSymbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// One AC symbol only, end-of-block (0x00), coded "0": every block is flat.
const acBits = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const acSymbols = [0];

/**
 * A baseline JPEG of `width` x `height` pixels, 4:4:4 YCbCr, each 8x8 block of one
 * colour (the gradient of {@link encodePng}, sampled per block).
 */
export function encodeJpeg(width: number, height: number, seed: number): Uint8Array {
  const out: number[] = [0xff, 0xd8];
  const segment = (marker: number, data: number[]) => {
    out.push(0xff, marker, ((data.length + 2) >>> 8) & 0xff, (data.length + 2) & 0xff, ...data);
  };
  segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const quant = 16;
  segment(0xdb, [0, ...new Array<number>(64).fill(quant)]);
  segment(0xc0, [
    8,
    height >>> 8,
    height & 0xff,
    width >>> 8,
    width & 0xff,
    3,
    1,
    0x11,
    0,
    2,
    0x11,
    0,
    3,
    0x11,
    0,
  ]);
  segment(0xc4, [0x00, ...dcBits, ...dcSymbols]);
  segment(0xc4, [0x10, ...acBits, ...acSymbols]);
  segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
  const dc = huffmanCodes(dcBits, dcSymbols);
  let buffer = 0;
  let count = 0;
  const write = (value: number, length: number) => {
    for (let bit = length - 1; bit >= 0; bit--) {
      buffer = (buffer << 1) | ((value >>> bit) & 1);
      if (++count === 8) {
        out.push(buffer);
        if (buffer === 0xff) out.push(0);
        buffer = 0;
        count = 0;
      }
    }
  };
  const previous = [0, 0, 0];
  const columns = Math.ceil(width / 8);
  const rows = Math.ceil(height / 8);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const [r, g, b] = colourAt(seed, column * 8 + 4, row * 8 + 4, width, height);
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ];
      for (let component = 0; component < 3; component++) {
        const value = Math.round((8 * ((ycc[component] as number) - 128)) / quant);
        const diff = value - (previous[component] as number);
        previous[component] = value;
        const magnitude = Math.abs(diff);
        const category = magnitude === 0 ? 0 : 32 - Math.clz32(magnitude);
        const [code, length] = dc.get(category) as [number, number];
        write(code, length);
        if (category > 0) write(diff > 0 ? diff : diff + (1 << category) - 1, category);
        write(0, 1); // end of block
      }
    }
  }
  if (count > 0) write(0xff, 8 - count);
  out.push(0xff, 0xd9);
  return Uint8Array.from(out);
}

/** An MP3 of about `seconds` of silence: MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz, mono. */
export function encodeMp3(seconds: number): Uint8Array {
  const frameLength = 417; // 144 * 128000 / 44100, no padding
  const frames = Math.max(1, Math.ceil(seconds / (1152 / 44100)));
  const mp3 = new Uint8Array(frames * frameLength);
  for (let frame = 0; frame < frames; frame++)
    mp3.set([0xff, 0xfb, 0x90, 0xc0], frame * frameLength);
  return mp3;
}

/** A WAV of `seconds` of a quiet tone: 16-bit PCM, mono, `sampleRate` Hz. */
export function encodeWav(seconds: number, sampleRate: number, seed: number): Uint8Array {
  const samples = Math.max(1, Math.round(seconds * sampleRate));
  const wav = new Uint8Array(44 + samples * 2);
  const view = new DataView(wav.buffer);
  const ascii = (at: number, text: string) => {
    for (let index = 0; index < text.length; index++) wav[at + index] = text.charCodeAt(index);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, samples * 2, true);
  const frequency = 180 + (seed % 200);
  for (let index = 0; index < samples; index++)
    view.setInt16(
      44 + index * 2,
      Math.round(1500 * Math.sin((2 * Math.PI * frequency * index) / sampleRate)),
      true,
    );
  return wav;
}

/** Base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** Bytes of base64 text (invalid text gives `undefined`). */
export function fromBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text.replace(/^data:[^,]*,/, ""));
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
  } catch {
    return undefined;
  }
}
