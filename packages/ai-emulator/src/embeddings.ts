// Embeddings where texts that share words are close: each word has a fixed random
// direction, a text is the normalized sum of its words' directions (plus a little of
// its own, so that two different texts are never equal).
import { createRandom, hash32 } from "./random.js";

const dimensions: Record<string, number> = {
  "@cf/baai/bge-small-en-v1.5": 384,
  "@cf/baai/bge-base-en-v1.5": 768,
  "@cf/baai/omni-bge-base-en-v1.5": 768,
  "@cf/baai/bge-large-en-v1.5": 1024,
  "@cf/baai/bge-m3": 1024,
  "@cf/google/embeddinggemma-300m": 768,
  "@cf/pfnet/plamo-embedding-1b": 2048,
  "@cf/qwen/qwen3-embedding-0.6b": 1024,
};

/** The dimension of a model's vectors (its published `output_dimensions`; 768 when unknown). */
export function embeddingDimension(modelId: string): number {
  return dimensions[modelId] ?? 768;
}

const cache = new Map<string, Float32Array>();

function direction(word: string, dimension: number): Float32Array {
  const key = `${dimension}:${word}`;
  let vector = cache.get(key);
  if (!vector) {
    const random = createRandom(hash32(word));
    vector = new Float32Array(dimension);
    for (let index = 0; index < dimension; index++) vector[index] = random.next() * 2 - 1;
    if (cache.size > 4096) cache.clear();
    cache.set(key, vector);
  }
  return vector;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The unit vector of a text. */
export function embed(text: string, dimension: number): number[] {
  const sum = new Float64Array(dimension);
  const add = (vector: Float32Array, weight: number) => {
    for (let index = 0; index < dimension; index++)
      sum[index] = (sum[index] as number) + (vector[index] as number) * weight;
  };
  for (const word of words(text)) add(direction(word, dimension), 1);
  add(direction(`\u0000${text}`, dimension), 0.35);
  let norm = 0;
  for (let index = 0; index < dimension; index++) norm += (sum[index] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  return Array.from(sum, (value) => Math.round((value / norm) * 1e6) / 1e6);
}

/** The cosine similarity of two unit vectors. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  for (let index = 0; index < a.length; index++) dot += (a[index] as number) * (b[index] as number);
  return dot;
}

/** Scores of contexts against a query, best first, as rerankers answer: `[{id, score}]`. */
export function rank(
  query: string,
  contexts: readonly string[],
  dimension: number,
  topK?: number,
): { id: number; score: number }[] {
  const target = embed(query, dimension);
  const scored = contexts.map((text, id) => ({
    id,
    score: Math.round(Math.max(0, similarity(target, embed(text, dimension))) * 1e6) / 1e6,
  }));
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  return topK === undefined ? scored : scored.slice(0, topK);
}
