// The emulator's "language model": readable sentences about the words of the question,
// picked by a seed, and a simple tokenizer that counts them.
import type { Random } from "./random.js";

/**
 * Tokens as the emulator counts them: a word (letters, digits, `_`, `'`, `’`) with the
 * white space before it, or one other character with the white space before it, or the
 * white space that ends the text. This pattern is the rule; {@link tokenEnds} follows it
 * without a regular expression.
 */
export const tokenPattern = /\s*[\p{L}\p{N}_'’]+|\s*[^\s\p{L}\p{N}_'’]|\s+$/gu;

const wordCharacter = /^[\p{L}\p{N}_'’]$/u;
const spaceCharacter = /^\s$/u;
/** The class of each ASCII character: 1 white space, 2 word, 0 other. */
const asciiClass = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const character = String.fromCharCode(code);
  asciiClass[code] = spaceCharacter.test(character) ? 1 : wordCharacter.test(character) ? 2 : 0;
}
/** The classes of the other characters met so far, plus one (0: not met yet), by code unit. */
let bmpClass: Uint8Array | undefined;
/** The classes of the characters beyond the BMP met so far, by code point. */
const astralClass = new Map<number, number>();

function classOf(character: string): number {
  return spaceCharacter.test(character) ? 1 : wordCharacter.test(character) ? 2 : 0;
}

/**
 * The class of the character at `index` (1 white space, 2 word, 0 other) and its length
 * in UTF-16 code units (2 for a surrogate pair), as `class * 4 + length`.
 */
function classAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 128) return (asciiClass[code] as number) * 4 + 1;
  const next = text.charCodeAt(index + 1);
  if (code >= 0xd800 && code < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
    const point = ((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
    let known = astralClass.get(point);
    if (known === undefined) {
      known = classOf(text.slice(index, index + 2));
      astralClass.set(point, known);
    }
    return known * 4 + 2;
  }
  bmpClass ??= new Uint8Array(65536);
  let known = bmpClass[code] as number;
  if (known === 0) {
    known = classOf(text[index] as string) + 1;
    bmpClass[code] = known;
  }
  return (known - 1) * 4 + 1;
}

/**
 * Where each token of a text ends (see {@link tokenPattern}), as UTF-16 offsets: token
 * `i` is `text.slice(ends[i - 1] ?? 0, ends[i])`. A scan, with no string per token.
 */
export function tokenEnds(text: string): number[] {
  const ends: number[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    // White space, then a word or one other character, or the end.
    let kind = 0;
    for (;;) {
      const code = text.charCodeAt(at);
      kind = code < 128 ? (asciiClass[code] as number) * 4 + 1 : classAt(text, at);
      if (kind >> 2 !== 1) break;
      at += 1;
      if (at === length) break;
    }
    if (at < length) {
      at += kind & 3;
      if (kind >> 2 === 2)
        while (at < length) {
          const code = text.charCodeAt(at);
          if (code < 128) {
            if (asciiClass[code] !== 2) break;
            at += 1;
          } else {
            const next = classAt(text, at);
            if (next >> 2 !== 2) break;
            at += next & 3;
          }
        }
    }
    ends.push(at);
  }
  return ends;
}

/** Splits text into the emulator's tokens; joining them gives the text back. */
export function tokenize(text: string): string[] {
  const ends = tokenEnds(text);
  return ends.map((end, index) => text.slice(index === 0 ? 0 : ends[index - 1], end));
}

/** How many tokens a text counts. */
export function countTokens(text: string): number {
  return tokenEnds(text).length;
}

const stopWords = new Set(
  (
    "a an and are as at be but by can could did do does for from had has have how i if in " +
    "into is it its me my no not of on or our please should so some tell than that the their " +
    "them then there these they this to us was we what when where which who why will with " +
    "would you your about just like give show get make use also any all more most very"
  ).split(" "),
);

/** The words of a text that carry meaning, lowercased, in order, without repeats. */
export function keywords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]{3,}/gu) ?? [];
  return [...new Set(words.filter((word) => !stopWords.has(word)))];
}

const openers = [
  "You asked about {topic}.",
  "Here is a short answer about {topic}.",
  "Good question about {topic}.",
  "Let me explain {topic} briefly.",
];
const middles = [
  "The key idea behind {a} is that it connects to {b} in a simple way.",
  "In practice, {a} matters most when {b} is involved — déjà vu for many people.",
  "Most explanations of {a} start with {b}, and that is a good place to begin.",
  "A common mistake is to treat {a} and {b} as the same thing; they are related, not equal.",
  "Think of {a} as the “why” and {b} as the “how”.",
  "Experts describe {a} in terms of {b}, step by step: first, second, third.",
  "If you remember one thing about {a}, remember {b} ✓.",
  "The short version: {a} depends on {b}, and the details follow from that.",
  "Many people in Zürich, São Paulo and 東京 ask the same about {a}.",
  "It helps to compare {a} with {b} and look at what changes 🙂.",
];
const closers = [
  "I hope this helps with {topic}.",
  "Feel free to ask a follow-up question.",
  "That is the essence of it.",
  "Let me know if you want more detail on {topic}.",
];

/** Fills `{topic}`, `{a}` and `{b}` from a list of words. */
function fill(template: string, words: readonly string[], random: Random): string {
  const pick = () => (words.length > 0 ? random.pick(words) : "this");
  const a = pick();
  let b = pick();
  if (words.length > 1) for (let tries = 0; b === a && tries < 4; tries++) b = pick();
  const topic = words.slice(0, 2).join(" and ") || "this";
  return template.replaceAll("{topic}", topic).replaceAll("{a}", a).replaceAll("{b}", b);
}

/**
 * A reply to a question: an opener, sentences about the question's words, a closer,
 * about `targetTokens` tokens long (never cut in the middle of a word here; the caller
 * cuts to `max_tokens`).
 */
export function composeReply(question: string, random: Random, targetTokens: number): string {
  const words = keywords(question).slice(0, 8);
  const sentences = [fill(random.pick(openers), words, random)];
  let tokens = countTokens(sentences[0] ?? "");
  while (tokens < targetTokens - 8) {
    const sentence = fill(random.pick(middles), words, random);
    sentences.push(sentence);
    tokens += countTokens(sentence) + 1;
  }
  sentences.push(fill(random.pick(closers), words, random));
  return sentences.join(" ");
}
