/**
 * @module bench/bench-queries
 * The query list every engine answers in a run: RealTimeQA quiz questions (real questions about real
 * news, many about stories the pool holds) and short keyword searches cut from pool titles. Seeded, and
 * independent of the corpus size, so latencies at 1k, 10k and 100k articles are for the same queries.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { STOPWORDS } from '../src/core/text/stopwords.js';
import { createRandom, type Random, shuffled } from './prng.js';
import type { TextPool } from './text-pool.js';

export interface BenchQuery {
  kind: 'question' | 'keywords';
  text: string;
}

export const DEFAULT_QUESTIONS = 200;
export const DEFAULT_KEYWORD_QUERIES = 100;

export async function buildQueries(
  sharedDir: string,
  pool: TextPool,
  seed: number,
  counts = { questions: DEFAULT_QUESTIONS, keywords: DEFAULT_KEYWORD_QUERIES },
): Promise<BenchQuery[]> {
  const questions: string[] = [];
  const lines = createInterface({
    input: createReadStream(join(sharedDir, 'data/rtqa-news/queries.jsonl.gz')).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim() !== '') questions.push((JSON.parse(line) as { question: string }).question);
  }
  const random = createRandom(seed ^ 0x51ed);
  const asked = shuffled(questions, random).slice(0, counts.questions);
  const keywords = keywordSearches(pool, random, counts.keywords);
  return shuffled(
    [
      ...asked.map((text): BenchQuery => ({ kind: 'question', text })),
      ...keywords.map((text): BenchQuery => ({ kind: 'keywords', text })),
    ],
    random,
  );
}

/**
 * More keyword searches, for the memory probe: a bot that has served thousands of different searches
 * holds whatever its caches keep, which a few hundred queries do not reach. A different stream from
 * the timed list's.
 */
export function extraSearches(pool: TextPool, seed: number, count: number): string[] {
  return keywordSearches(pool, createRandom(seed ^ 0x3e3a), count);
}

/** 2–4 consecutive content words of sampled titles ("Damar Hamlin Bills"). */
function keywordSearches(pool: TextPool, random: Random, count: number): string[] {
  const keywords: string[] = [];
  for (const title of shuffled(pool.titles, random)) {
    if (keywords.length >= count) break;
    const words = title
      .split(/\s+/)
      .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
      .filter((w) => w.length >= 3 && !STOPWORDS.has(w.toLowerCase()));
    if (words.length < 2) continue;
    const take = Math.min(words.length, random.int(2, 4));
    const start = random.int(0, words.length - take);
    keywords.push(words.slice(start, start + take).join(' '));
  }
  return keywords;
}
