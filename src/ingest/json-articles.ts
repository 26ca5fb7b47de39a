/**
 * @module ingest/json-articles
 * Articles as JSON records: one object, an array of them, or JSON Lines. Field names of common
 * exports are accepted (text/body/content, published_at/publish_date/date). Each bad record is
 * reported on its own; the good ones still go in.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ArticleDraft } from '../core/article.js';
import { IngestError } from '../errors.js';
import { normaliseWhitespace, stripTrailingFurniture } from './clean-text.js';
import { parseDate } from './front-matter.js';
import { outletName } from './outlets.js';
import { deriveTitle } from './text-article.js';

const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null));

export const ArticleRecord = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    title: optionalText,
    url: optionalText,
    link: optionalText,
    source: optionalText,
    outlet: optionalText,
    published_at: optionalText,
    publishedAt: optionalText,
    publish_date: optionalText,
    date: optionalText,
    text: optionalText,
    body: optionalText,
    content: optionalText,
  })
  .refine((r) => r.text ?? r.body ?? r.content, { message: 'needs a "text", "body" or "content" string' });

export interface ParsedRecords {
  drafts: ArticleDraft[];
  failures: IngestError[];
}

export function parseJsonArticles(origin: string, raw: string, jsonLines: boolean): ParsedRecords {
  const values: { value: unknown; where: string }[] = [];
  const failures: IngestError[] = [];
  if (jsonLines) {
    raw.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        values.push({ value: JSON.parse(line), where: `line ${i + 1}` });
      } catch (error) {
        failures.push(
          new IngestError(`${origin}:${i + 1}`, `invalid JSON on line ${i + 1}: ${(error as Error).message}`),
        );
      }
    });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new IngestError(origin, `invalid JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    list.forEach((value, i) => {
      values.push({ value, where: `record ${i + 1}` });
    });
  }
  const drafts: ArticleDraft[] = [];
  for (const { value, where } of values) {
    const result = ArticleRecord.safeParse(value);
    if (!result.success) {
      const problem = result.error.issues
        .map((i) => `${i.path.join('.') || 'record'}: ${i.message}`)
        .join('; ');
      failures.push(new IngestError(`${origin} (${where})`, `bad article record: ${problem}`));
      continue;
    }
    const r = result.data;
    const url = r.url ?? r.link;
    const cleaned = stripTrailingFurniture(normaliseWhitespace(r.text ?? r.body ?? r.content ?? ''));
    if (cleaned.text.length < 40) {
      failures.push(new IngestError(`${origin} (${where})`, 'too little text in the record'));
      continue;
    }
    const source = r.source ?? r.outlet ?? cleaned.outlet ?? url;
    const title = r.title ?? deriveTitle(cleaned.text);
    const publishedAt = parseDate(r.published_at ?? r.publishedAt ?? r.publish_date ?? r.date);
    drafts.push({
      origin: url ?? (r.id !== undefined ? `${origin}#${r.id}` : ''),
      title,
      source: source ? outletName(source) : null,
      url,
      publishedAt,
      text: cleaned.text,
    });
  }
  keyUnnamedRecords(origin, drafts);
  return { drafts, failures };
}

/**
 * Gives records with neither url nor id (origin '') a stable identity. Not their position: a record
 * added at the top would re-identify every later one. Title + date when both are known, so a corrected
 * text updates the article; else, or for every record sharing its title and date with another, title +
 * date + text.
 */
function keyUnnamedRecords(origin: string, drafts: ArticleDraft[]): void {
  const unnamed = drafts.filter((d) => d.origin === '');
  const byDate = (d: ArticleDraft) => (d.publishedAt ? `${d.title}\n${d.publishedAt}` : null);
  const counts = new Map<string, number>();
  for (const d of unnamed) {
    const key = byDate(d);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const d of unnamed) {
    const key = byDate(d);
    const unique = key !== null && counts.get(key) === 1;
    d.origin = `${origin}#${shortHash(unique ? key : `${d.title}\n${d.publishedAt ?? ''}\n${d.text}`)}`;
  }
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
