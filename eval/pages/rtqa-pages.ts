/**
 * @module eval/pages/rtqa-pages
 * rtqa-news documents as saved pages: each wanted document's text is read from docs.jsonl.gz and
 * written as a plain news page (title, date, paragraphs) into a folder, to be served and ingested by
 * URL like realpages-dev's saved HTML. The text is read at run time, never copied into the repository.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

export const RtqaDoc = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().optional(),
  text: z.string(),
  publish_date: z.string().nullable(),
});
export type RtqaDoc = z.infer<typeof RtqaDoc>;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rtqaPageHtml(doc: RtqaDoc): string {
  const date = doc.publish_date ? doc.publish_date.replace(/\//g, '-') : '';
  const paragraphs = doc.text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title>${date ? `<meta property="article:published_time" content="${date}T12:00:00Z">` : ''}</head><body><article><h1>${escapeHtml(doc.title)}</h1>\n${paragraphs}</article></body></html>`;
}

/**
 * Reads the documents named in `wanted` (document id → page name) from `docsFile`, writes each as
 * `<name>.html` in `dir` and returns page name → file, with the documents themselves. Throws naming
 * every document the file does not hold.
 */
export async function writeRtqaPages(
  docsFile: string,
  wanted: Map<string, string>,
  dir: string,
): Promise<{ pages: Map<string, string>; docs: Map<string, RtqaDoc> }> {
  const pages = new Map<string, string>();
  const docs = new Map<string, RtqaDoc>();
  const lines = createInterface({ input: createReadStream(docsFile).pipe(createGunzip()) });
  for await (const line of lines) {
    if (pages.size === wanted.size) break;
    const id = /"id":\s*"([^"]+)"/.exec(line)?.[1];
    const name = id ? wanted.get(id) : undefined;
    if (!name) continue;
    const doc = RtqaDoc.parse(JSON.parse(line));
    const file = join(dir, `${name}.html`);
    await writeFile(file, rtqaPageHtml(doc));
    pages.set(name, file);
    docs.set(name, doc);
  }
  lines.close();
  const missing = [...wanted].filter(([, name]) => !pages.has(name)).map(([doc]) => doc);
  if (missing.length > 0) throw new Error(`${docsFile} has no document ${missing.join(', ')}`);
  return { pages, docs };
}
