/**
 * @module ingest/json-articles
 * Articles as JSON records: one object, an array of them, or JSON Lines. Field names of common
 * exports are accepted (text/body/content, published_at/publish_date/date). Each bad record is
 * reported on its own; the good ones still go in.
 */
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
    drafts.push({
      origin: url ?? `${origin}#${r.id ?? where.replace(/\D+/g, '')}`,
      title: r.title ?? deriveTitle(cleaned.text),
      source: source ? outletName(source) : null,
      url,
      publishedAt: parseDate(r.published_at ?? r.publishedAt ?? r.publish_date ?? r.date),
      text: cleaned.text,
    });
  }
  return { drafts, failures };
}
