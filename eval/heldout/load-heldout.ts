/**
 * @module eval/heldout/load-heldout
 * The held-out set as a page set: each article's text is read from rtqa-news's docs.jsonl.gz and
 * written as a plain news page (title, date, paragraphs) into a temporary folder, to be served and
 * ingested by URL like the saved pages. Every question is in the reported part.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import type { PageSet } from '../pages/dataset.js';
import { HELDOUT_ARTICLES, HELDOUT_QUESTIONS } from './questions.js';

const Doc = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  publish_date: z.string().nullable(),
});

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function pageOf(doc: z.infer<typeof Doc>): string {
  const date = doc.publish_date ? doc.publish_date.replace(/\//g, '-') : '';
  const paragraphs = doc.text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title>${date ? `<meta property="article:published_time" content="${date}T12:00:00Z">` : ''}</head><body><article><h1>${escapeHtml(doc.title)}</h1>\n${paragraphs}</article></body></html>`;
}

export async function loadHeldout(rtqaDir: string): Promise<{ set: PageSet; dir: string }> {
  const wanted = new Map(HELDOUT_ARTICLES.map((a) => [a.doc, a.name]));
  const dir = await mkdtemp(join(tmpdir(), 'briefbot-heldout-'));
  const pages = new Map<string, string>();
  const lines = createInterface({
    input: createReadStream(join(rtqaDir, 'docs.jsonl.gz')).pipe(createGunzip()),
  });
  for await (const line of lines) {
    if (pages.size === wanted.size) break;
    const id = /"id":\s*"([^"]+)"/.exec(line)?.[1];
    const name = id ? wanted.get(id) : undefined;
    if (!name) continue;
    const file = join(dir, `${name}.html`);
    await writeFile(file, pageOf(Doc.parse(JSON.parse(line))));
    pages.set(name, file);
  }
  lines.close();
  const missing = HELDOUT_ARTICLES.filter((a) => !pages.has(a.name)).map((a) => a.doc);
  if (missing.length > 0) throw new Error(`rtqa-news has no document ${missing.join(', ')} in ${rtqaDir}`);
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
