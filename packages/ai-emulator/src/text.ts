// The emulator's "language model": readable sentences about the words of the question,
// picked by a seed, and a simple tokenizer that counts them.
import type { Random } from "./random.js";

/** Tokens as the emulator counts them: a word (with its leading space) or one other character. */
const tokenPattern = /\s*[\p{L}\p{N}_'’]+|\s*[^\s\p{L}\p{N}_'’]|\s+$/gu;

/** Splits text into the emulator's tokens; joining them gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** How many tokens a text counts. */
export function countTokens(text: string): number {
  return tokenize(text).length;
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

/** The first `limit` tokens of a text, and whether it was cut. */
export function cutTokens(text: string, limit: number): { text: string; cut: boolean } {
  const tokens = tokenize(text);
  if (tokens.length <= limit) return { text, cut: false };
  return { text: tokens.slice(0, Math.max(0, limit)).join(""), cut: true };
}
