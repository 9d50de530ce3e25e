// Server-sent-event bytes as Workers AI sends them, written as they are read (UTF-8
// bytes written straight into one buffer for many events, and cut into chunks by slicing
// it), cut into chunks anywhere (seeded), with latency, truncation and mid-stream failure
// when scripted.
import { createRandom, type Random } from "./random.js";

const encoder = new TextEncoder();

/** One `data:` line and its blank line: the SSE text of an event (`[DONE]` or JSON text as is). */
export function sseEvent(event: unknown): string {
  return `data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`;
}

const padAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The `p` padding: a random-length string (1 to 24 characters) that hides the length of
 * each token. Made of slices of one random pool per answer, so that it costs one random
 * number per event (from the padding's own seeded generator), and none of it is a new
 * string when written as bytes.
 */
export class Padding {
  readonly #text: string;
  readonly #bytes: Uint8Array;
  /**
   * The state of the padding's own generator (a linear congruential one, on 30 bits, so
   * that it stays a small integer), seeded from the answer's random.
   */
  #state: number;

  constructor(random: Random) {
    let pool = "";
    for (let index = 0; index < 64; index++) pool += padAlphabet[random.int(36)];
    this.#text = pool;
    this.#bytes = encoder.encode(pool);
    this.#state = random.int(0x40000000);
  }

  /** Where the next padding starts in the pool (0 to 39), and its length (1 to 24), as `start + 40 * (length - 1)`. */
  #pick(): number {
    this.#state = (Math.imul(this.#state, 1103515245) + 12345) & 0x3fffffff;
    return (this.#state >>> 10) % 960;
  }

  /** The next padding. */
  next(): string {
    const pick = this.#pick();
    const start = pick % 40;
    return this.#text.slice(start, start + 1 + ((pick / 40) | 0));
  }

  /** Writes the next padding (the same as {@link Padding.next} gives) at `at`; returns where it ends. */
  writeInto(bytes: Uint8Array, at: number): number {
    const pick = this.#pick();
    const start = pick % 40;
    const end = start + 1 + ((pick / 40) | 0);
    const pool = this.#bytes;
    for (let index = start; index < end; index++) bytes[at++] = pool[index] as number;
    return at;
  }
}

/** The most bytes a padding takes. */
const maxPadding = 24;

/** Copies `source` into `bytes` at `at` (a loop for up to 8 bytes, `set` for more); returns where it ends. */
function copy(source: Uint8Array, bytes: Uint8Array, at: number): number {
  const length = source.length;
  if (length > 8) bytes.set(source, at);
  else for (let index = 0; index < length; index++) bytes[at + index] = source[index] as number;
  return at + length;
}

/** The UTF-8 length of the first `end` code units of a well-formed text. */
function utf8Length(text: string, end: number): number {
  let bytes = end;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    // A surrogate pair is 4 bytes: 2 for each of its code units.
    if (code >= 0x80) bytes += code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 1 : 2;
  }
  return bytes;
}

const hex = "0123456789abcdef";
/** The escapes of `JSON.stringify` for the code units below 0x20 that have a short one. */
const shortEscapes: Record<number, number> = { 8: 98, 9: 116, 10: 110, 12: 102, 13: 114 };

/** Writes `\u` and four lowercase hex digits of a code unit at `at`; returns where they end. */
function writeUnicodeEscape(code: number, bytes: Uint8Array, at: number): number {
  bytes[at++] = 92;
  bytes[at++] = 117;
  bytes[at++] = hex.charCodeAt(code >> 12);
  bytes[at++] = hex.charCodeAt((code >> 8) & 15);
  bytes[at++] = hex.charCodeAt((code >> 4) & 15);
  bytes[at++] = hex.charCodeAt(code & 15);
  return at;
}

/**
 * Writes the UTF-8 bytes of `JSON.stringify(text.slice(start, end))` at `at`, escaped
 * exactly as it escapes (`\"`, `\\`, the short escapes, `\u00xx` for the other control
 * characters, `\udxxx` for a lone surrogate), without making either string; returns where
 * they end. Room for 6 bytes per UTF-16 code unit, and 2, is the caller's to make.
 */
export function writeJsonString(
  text: string,
  start: number,
  end: number,
  bytes: Uint8Array,
  at: number,
): number {
  bytes[at++] = 34;
  const length = end;
  for (let index = start; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      if (code >= 0x20 && code !== 34 && code !== 92) bytes[at++] = code;
      else if (code === 34 || code === 92) {
        bytes[at++] = 92;
        bytes[at++] = code;
      } else {
        const short = shortEscapes[code];
        if (short === undefined) at = writeUnicodeEscape(code, bytes, at);
        else {
          bytes[at++] = 92;
          bytes[at++] = short;
        }
      }
    } else if (code < 0x800) {
      bytes[at++] = 0xc0 | (code >> 6);
      bytes[at++] = 0x80 | (code & 63);
    } else if (code < 0xd800 || code >= 0xe000) {
      bytes[at++] = 0xe0 | (code >> 12);
      bytes[at++] = 0x80 | ((code >> 6) & 63);
      bytes[at++] = 0x80 | (code & 63);
    } else {
      const low = index + 1 < length ? text.charCodeAt(index + 1) : 0;
      if (code < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
        const point = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        bytes[at++] = 0xf0 | (point >> 18);
        bytes[at++] = 0x80 | ((point >> 12) & 63);
        bytes[at++] = 0x80 | ((point >> 6) & 63);
        bytes[at++] = 0x80 | (point & 63);
        index++;
      } else at = writeUnicodeEscape(code, bytes, at);
    }
  }
  bytes[at++] = 34;
  return at;
}

/**
 * A run of token events, one per token of a text, each written by template:
 * `prefix + JSON.stringify(token) + middle + padding + suffix` (the prefix starts with
 * `data: `, the suffix ends with the blank line).
 */
export interface TokenRun {
  readonly text: string;
  /** Where each token of the text ends (see `tokenEnds`). */
  readonly ends: readonly number[];
  readonly prefix: string;
  readonly middle: string;
  readonly suffix: string;
}

/** A part of a streamed answer: the SSE text of one event, or a run of token events. */
export type Segment = string | TokenRun;

/** A token run with its template's bytes. */
interface EncodedRun {
  readonly text: string;
  readonly ends: readonly number[];
  readonly prefix: Uint8Array;
  readonly middle: Uint8Array;
  readonly suffix: Uint8Array;
  /** The suffix of an event and the prefix of the next, in one. */
  readonly glue: Uint8Array;
  /** The most bytes an event takes after its token: the middle, the padding, the glue. */
  readonly fixed: number;
}

type Part = Uint8Array | EncodedRun;

/**
 * The events of a streamed answer, in order, written as UTF-8 bytes only when they are
 * read: the template parts of the token events are encoded once, and each token event is
 * written into the buffer of a batch of many events (no string and no object per token),
 * so that a long answer costs little, and its first bytes leave before the rest is written.
 */
export class SseEvents {
  readonly #segments: readonly Segment[];
  readonly #parts: readonly Part[];
  readonly #padding: Padding | undefined;
  readonly #terminal: number;
  #part = 0;
  #token = 0;
  /** The bytes of the whole answer, about (see `estimatedBytes`). */
  #estimate: number | undefined;
  /** The bytes left to write, about. */
  #left: number | undefined;
  /** The buffer written into, and how much of it is written: most answers take one. */
  #buffer: Uint8Array<ArrayBuffer> | undefined;
  #used = 0;

  /**
   * @param segments - the events, `[DONE]` last.
   * @param padding - the padding of the token events, taken as they are written.
   * @param terminal - the index of the first segment that ends the answer (a finish
   *   reason, the usage trailer, `choices: []`, `[DONE]`): a truncated stream stops there.
   */
  constructor(segments: readonly Segment[], padding?: Padding, terminal = segments.length) {
    this.#segments = segments;
    this.#padding = padding;
    this.#terminal = terminal;
    this.#parts = segments.map((segment): Part => {
      if (typeof segment === "string") return encoder.encode(segment);
      const prefix = encoder.encode(segment.prefix);
      const middle = encoder.encode(segment.middle);
      const suffix = encoder.encode(segment.suffix);
      const glue = encoder.encode(segment.suffix + segment.prefix);
      const fixed = middle.length + maxPadding + glue.length;
      return { text: segment.text, ends: segment.ends, prefix, middle, suffix, glue, fixed };
    });
  }

  /** The same events without the ones that end the answer (no finish reason, no usage trailer, no `[DONE]`). */
  truncated(): SseEvents {
    return new SseEvents(this.#segments.slice(0, this.#terminal), this.#padding);
  }

  /** How many events there are. */
  count(): number {
    let count = 0;
    for (const part of this.#parts) count += part instanceof Uint8Array ? 1 : part.ends.length;
    return count;
  }

  /**
   * About how many bytes the whole answer takes: exactly, but for the paddings (counted
   * at their mean) and the escapes of the tokens. Computed once.
   */
  estimatedBytes(): number {
    if (this.#estimate !== undefined) return this.#estimate;
    let bytes = 0;
    for (const part of this.#parts) {
      if (part instanceof Uint8Array) {
        bytes += part.length;
        continue;
      }
      const each =
        part.prefix.length + part.middle.length + (maxPadding + 1) / 2 + part.suffix.length + 2;
      bytes += each * part.ends.length + utf8Length(part.text, part.ends.at(-1) ?? 0);
    }
    this.#estimate = Math.ceil(bytes);
    return this.#estimate;
  }

  /**
   * The bytes of the next events: whole events, at least `minBytes` of them (or all that
   * is left), in one buffer; empty once every event was written.
   */
  write(minBytes: number): Uint8Array {
    this.#left ??= this.estimatedBytes();
    // Room for the bytes wanted, or for those left (and some, for the paddings and the
    // escapes). A new buffer takes all that is left, so that the chunks of most answers
    // are slices of one buffer.
    const left = this.#left + (this.#left >> 6) + 1024;
    let bytes = this.#buffer;
    let at = this.#used;
    if (!bytes || bytes.length - at < Math.min(minBytes, left)) {
      bytes = new Uint8Array(Math.max(left, minBytes + 1024));
      at = 0;
    }
    let begin = at;
    const parts = this.#parts;
    const padding = this.#padding;
    while (at - begin < minBytes && this.#part < parts.length) {
      const part = parts[this.#part] as Part;
      if (part instanceof Uint8Array) {
        if (at + part.length > bytes.length) {
          bytes = grown(bytes, begin, at, part.length + left);
          at -= begin;
          begin = 0;
        }
        bytes.set(part, at);
        at += part.length;
        this.#part++;
        continue;
      }
      const { text, ends, prefix, middle, suffix, glue, fixed } = part;
      let index = this.#token;
      let start = index === 0 ? 0 : (ends[index - 1] as number);
      // Each event ends with the glue (its suffix and the next one's prefix), but the last
      // one written now, which ends with the suffix.
      if (index < ends.length) {
        if (at + prefix.length > bytes.length) {
          bytes = grown(bytes, begin, at, prefix.length + left);
          at -= begin;
          begin = 0;
        }
        at = copy(prefix, bytes, at);
      }
      for (; index < ends.length; index++) {
        const end = ends[index] as number;
        // The token (6 bytes a code unit at most, and its quotes), the middle, the padding, the glue.
        const most = fixed + 6 * (end - start) + 2;
        if (at + most > bytes.length) {
          bytes = grown(bytes, begin, at, most + left);
          at -= begin;
          begin = 0;
        }
        at = writeJsonString(text, start, end, bytes, at);
        at = copy(middle, bytes, at);
        if (padding) at = padding.writeInto(bytes, at);
        start = end;
        if (index + 1 === ends.length || at - begin >= minBytes) {
          at = copy(suffix, bytes, at);
          index++;
          break;
        }
        at = copy(glue, bytes, at);
      }
      if (index < ends.length) {
        this.#token = index;
        break;
      }
      this.#token = 0;
      this.#part++;
    }
    this.#left = Math.max(0, this.#left - (at - begin));
    this.#buffer = bytes;
    this.#used = at;
    return bytes.subarray(begin, at);
  }
}

/** A new buffer with the bytes from `begin` to `at` of `bytes` first, and room for `size` more. */
function grown(
  bytes: Uint8Array,
  begin: number,
  at: number,
  size: number,
): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(2 * (at - begin) + size);
  larger.set(bytes.subarray(begin, at));
  return larger;
}

/** Makes the chunks of a body, a batch at a time: `undefined` at its end. */
export interface ChunkSource {
  next(): Uint8Array[] | undefined;
}

/** Chunks that exist already, as one batch. */
export function chunksOf(chunks: readonly Uint8Array[]): ChunkSource {
  let done = false;
  return {
    next() {
      if (done || chunks.length === 0) return undefined;
      done = true;
      return [...chunks];
    },
  };
}

/** How the chunks of a body are cut. */
export interface ChunkPlan {
  chunking: "random" | "events";
  seed: number;
}

/**
 * Under `"random"` chunking, a stream takes about one chunk per event, and at most about
 * this many chunks: a long answer is cut into larger chunks, anywhere all the same.
 */
export const maxRandomChunks = 64;
/** The least bytes written at once after the first chunk. */
const batchBytes = 65536;

function joined(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(head.length + tail.length);
  bytes.set(head);
  bytes.set(tail, head.length);
  return bytes;
}

/**
 * The chunks of an SSE body, made as they are read: `"events"` gives one chunk per event;
 * `"random"` cuts the bytes anywhere (inside an event, a line, a UTF-8 character) at
 * seeded random sizes, from 1 byte to twice the mean (the mean event, or a 64th of the
 * body when that is larger). The events of the first chunk are written on their own, then
 * many events at a time, into one buffer sliced into chunks.
 */
export function sseChunks(events: SseEvents, plan: ChunkPlan): ChunkSource {
  if (plan.chunking === "events")
    return {
      next() {
        // One event, in a buffer of its own.
        const bytes = events.write(1);
        return bytes.length > 0 ? [bytes.slice()] : undefined;
      },
    };
  const random = createRandom(plan.seed);
  const length = events.estimatedBytes();
  const mean = Math.max(
    2,
    Math.round(Math.max(length / Math.max(1, events.count()), length / maxRandomChunks)),
  );
  const draw = () => 1 + random.int(2 * mean);
  let size = draw();
  // The first bytes of the chunk being cut, when they came in the batch before.
  let carry: Uint8Array | undefined;
  let first = true;
  return {
    next() {
      const chunks: Uint8Array[] = [];
      while (chunks.length === 0) {
        const wanted = size - (carry?.length ?? 0);
        const bytes = events.write(first ? wanted : Math.max(batchBytes, wanted));
        first = false;
        if (bytes.length === 0) {
          if (carry) chunks.push(carry);
          carry = undefined;
          break;
        }
        let at = 0;
        if (carry) {
          if (bytes.length < wanted) {
            carry = joined(carry, bytes);
            continue;
          }
          chunks.push(joined(carry, bytes.subarray(0, wanted)));
          carry = undefined;
          at = wanted;
          size = draw();
        }
        while (bytes.length - at >= size) {
          chunks.push(bytes.subarray(at, at + size));
          at += size;
          size = draw();
        }
        if (at < bytes.length) carry = bytes.subarray(at);
      }
      return chunks.length > 0 ? chunks : undefined;
    },
  };
}

/** How the chunks of a stream are paced and failed. */
export interface ChunkPace {
  firstChunkMs?: number | undefined;
  betweenChunksMs?: number | undefined;
  failAfterChunks?: number | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Callbacks of {@link chunkStream}. */
export interface ChunkStreamHooks {
  onChunk?: ((chunk: Uint8Array) => void) | undefined;
  onEnd?: (() => void) | undefined;
}

/**
 * A byte stream of the chunks of a source, made as they are read, and paced and failed
 * as planned.
 */
export function chunkStream(
  source: ChunkSource,
  plan: ChunkPace,
  hooks: ChunkStreamHooks = {},
): ReadableStream<Uint8Array> {
  if (!plan.firstChunkMs && !plan.betweenChunksMs && plan.failAfterChunks === undefined) {
    // Nothing to pace or fail: each pull makes the next batch of chunks and queues them,
    // and each read takes the next chunk, as cut.
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunks = source.next();
        if (!chunks) {
          hooks.onEnd?.();
          controller.close();
          return;
        }
        for (const chunk of chunks) {
          hooks.onChunk?.(chunk);
          controller.enqueue(chunk);
        }
      },
    });
  }
  let batch: Uint8Array[] = [];
  let next = 0;
  let ended = false;
  const take = (): Uint8Array | undefined => {
    while (next >= batch.length) {
      if (ended) return undefined;
      const chunks = source.next();
      if (!chunks) {
        ended = true;
        return undefined;
      }
      batch = chunks;
      next = 0;
    }
    return batch[next++];
  };
  let ahead = take();
  let index = 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const delay = index === 0 ? plan.firstChunkMs : plan.betweenChunksMs;
        if (delay) await sleep(delay);
        if (cancelled) return;
        if (plan.failAfterChunks !== undefined && index >= plan.failAfterChunks) {
          controller.error(new Error("Network connection lost."));
          return;
        }
        const chunk = ahead;
        if (chunk === undefined) {
          hooks.onEnd?.();
          controller.close();
          return;
        }
        index++;
        ahead = take();
        hooks.onChunk?.(chunk);
        controller.enqueue(chunk);
        if (ahead === undefined && plan.failAfterChunks === undefined) {
          hooks.onEnd?.();
          controller.close();
        }
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
}
