/**
 * @module eval/heldout/load-heldout
 * The held-out set as a page set: each article's text is read from rtqa-news's docs.jsonl.gz and
 * written as a plain news page (title, date, paragraphs) into a temporary folder, to be served and
 * ingested by URL like the saved pages. Every question is in the reported part.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageSet } from '../pages/dataset.js';
import { writeRtqaPages } from '../pages/rtqa-pages.js';
import { HELDOUT_ARTICLES, HELDOUT_QUESTIONS } from './questions.js';

export async function loadHeldout(rtqaDir: string): Promise<{ set: PageSet; dir: string }> {
  const wanted = new Map(HELDOUT_ARTICLES.map((a) => [a.doc, a.name]));
  const dir = await mkdtemp(join(tmpdir(), 'briefbot-heldout-'));
  const { pages } = await writeRtqaPages(join(rtqaDir, 'docs.jsonl.gz'), wanted, dir);
  return {
    dir,
    set: {
      pages,
      questions: HELDOUT_QUESTIONS.map((q) => ({
        id: q.id,
        question: q.q,
        kind: q.kind,
        pages: q.any.length > 0 ? [q.page] : [],
        any: q.any,
        answerable: q.any.length > 0,
        near: q.any.length > 0 ? null : q.page,
        part: 'reported' as const,
      })),
    },
  };
}
