/**
 * @module bench/text-pool
 * The real text the synthetic corpora are recombined from: paragraphs and titles of the bundled seed
 * articles (../shared/seeds) and of the RealTimeQA news pages (../shared/data/rtqa-news/docs.jsonl.gz),
 * read in file order so the pool is the same on every machine.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface TextPool {
  paragraphs: string[];
  titles: string[];
  /** Where the pool came from, for the report. */
  documents: number;
}

/** Captions, promos and link lists that the page extractor kept: real, but not article prose. */
const FURNITURE =
  /newsletter|sign up|subscribe|all rights reserved|getty images|click here|ad feedback|read more|follow us|©/i;
const MIN_PARAGRAPH_CHARS = 120;
const MAX_PARAGRAPH_CHARS = 1500;

export async function loadTextPool(sharedDir: string): Promise<TextPool> {
  const paragraphs = new Set<string>();
  const titles = new Set<string>();
  let documents = 0;
  const add = (title: string, text: string) => {
    documents++;
    const cleanTitle = cleanTitleOf(title);
    if (cleanTitle) titles.add(cleanTitle);
    for (const paragraph of text.split(/\n+/)) {
      const p = paragraph.trim();
      if (isProse(p)) paragraphs.add(p);
    }
  };

  const seedsDir = join(sharedDir, 'seeds');
  for (const name of (await readdir(seedsDir)).filter((n) => n.endsWith('.txt')).sort()) {
    const raw = await readFile(join(seedsDir, name), 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(raw);
    const title = /^title:\s*"?(.*?)"?\s*$/m.exec(front?.[1] ?? '')?.[1] ?? '';
    add(title, front ? raw.slice(front[0].length) : raw);
  }

  const lines = createInterface({
    input: createReadStream(join(sharedDir, 'data/rtqa-news/docs.jsonl.gz')).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line) as { title?: string | null; text?: string | null };
    add(doc.title ?? '', doc.text ?? '');
  }
  return { paragraphs: [...paragraphs], titles: [...titles], documents };
}

function isProse(paragraph: string): boolean {
  if (paragraph.length < MIN_PARAGRAPH_CHARS || paragraph.length > MAX_PARAGRAPH_CHARS) return false;
  if (!/[.!?"”’)]$/u.test(paragraph) || FURNITURE.test(paragraph)) return false;
  return paragraph.split(/\s+/).length >= 15;
}

/** Search results cut titles with "..." and append the outlet; neither belongs in an article title. */
function cleanTitleOf(title: string): string | null {
  const clean = title
    .replace(/\s*(\.\.\.|…)\s*$/u, '')
    .replace(/\s+[|–-]\s+(CNN|CNN Politics|CNN Business|USA TODAY|The Week( UK)?)$/iu, '')
    .trim();
  return clean.length >= 20 ? clean : null;
}
