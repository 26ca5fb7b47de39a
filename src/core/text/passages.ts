/**
 * @module core/text/passages
 * Cuts an article into passages: runs of whole sentences about `targetChars` long. Whole paragraphs are
 * packed together while they fit; a paragraph that does not fit starts a new passage, and one longer
 * than the target is cut between sentences. A short heading-like paragraph joins the paragraph after
 * it. Every sentence of the article lands in exactly one passage.
 */
import type { PassageDraft, SentenceSpan } from '../article.js';
import { splitSentences } from './sentences.js';

export interface ChunkOptions {
  /** Preferred passage length in characters; a longer sentence makes a passage of its own. */
  targetChars?: number;
  /** Paragraphs shorter than this are headings that join the next paragraph. */
  headingChars?: number;
}

export const DEFAULT_PASSAGE_CHARS = 600;

interface Paragraph {
  start: number;
  end: number;
}

export function chunkPassages(text: string, options: ChunkOptions = {}): PassageDraft[] {
  const target = options.targetChars ?? DEFAULT_PASSAGE_CHARS;
  const headingChars = options.headingChars ?? 90;
  const groups = groupParagraphs(paragraphsOf(text), text, headingChars);
  const passages: PassageDraft[] = [];
  let current: SentenceSpan[] = [];
  const flush = () => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last) {
      passages.push({ ordinal: passages.length, start: first.start, end: last.end, sentences: current });
    }
    current = [];
  };
  for (const group of groups) {
    // Short news paragraphs (one or two sentences) are packed together up to the target, so that a
    // passage carries enough context to be found; a paragraph that does not fit starts a new passage.
    const first = current[0];
    if (first && group.end - first.start > target) flush();
    for (const sentence of splitSentences(text, group.start, group.end)) {
      const start = current[0];
      if (start && sentence.end - start.start > target) flush();
      current.push(sentence);
    }
  }
  flush();
  return passages;
}

function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (const match of text.matchAll(/\n/g)) {
    if (/\S/u.test(text.slice(start, match.index))) paragraphs.push({ start, end: match.index });
    start = match.index + 1;
  }
  if (/\S/u.test(text.slice(start))) paragraphs.push({ start, end: text.length });
  return paragraphs;
}

/** Joins each run of short (heading-like) paragraphs to the paragraph that follows. */
function groupParagraphs(paragraphs: Paragraph[], text: string, headingChars: number): Paragraph[] {
  const groups: Paragraph[] = [];
  let pendingStart: number | null = null;
  for (const p of paragraphs) {
    const isHeading =
      text.slice(p.start, p.end).trim().length < headingChars &&
      !/[.!?]["”']?\s*$/u.test(text.slice(p.start, p.end));
    if (isHeading) {
      pendingStart ??= p.start;
      continue;
    }
    groups.push({ start: pendingStart ?? p.start, end: p.end });
    pendingStart = null;
  }
  if (pendingStart !== null) groups.push({ start: pendingStart, end: text.length });
  return groups;
}
