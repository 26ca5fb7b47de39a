/**
 * @module ingest/json-articles
 * Articles as JSON records: one object, an array of them (bare or as `{"articles": [...]}` or
 * `{"items": [...]}`), or JSON Lines. Field names of common exports, NewsAPI's among them, are accepted
 * (text/body/content/description, published_at/publishedAt/publish_date/date as text or epoch number,
 * source as a name or `{name}`). Each bad record is reported on its own; the good ones still go in.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ArticleDraft } from '../core/article.js';
import { IngestError } from '../core/errors.js';
import type { IngestWarning } from '../core/ingest-articles.js';
import { normaliseWhitespace, stripTrailingFurniture } from './clean-text.js';
import { outletName } from './outlets.js';
import { parseDate } from './parse-date.js';
import { stripPictureCredits } from './picture-credits.js';
import { deriveTitle } from './text-article.js';

const optionalText = z
  .union([z.string(), z.null()], { error: 'must be a string' })
  .optional()
  .transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null));

// NewsAPI and its clones name the outlet as `{"id": "cnn", "name": "CNN"}`.
const sourceField = z
  .union([z.object({ name: optionalText }), z.string(), z.null()], {
    error: 'must be a name or an object with a "name"',
  })
  .optional()
  .transform((v) => (v && typeof v === 'object' ? v.name : optionalText.parse(v)));

// Epoch numbers: seconds, or milliseconds when too large to be seconds of a plausible date (1e11 s is
// the year 5138; 1e11 ms is 1973, before any article worth reading here).
const dateField = z
  .union([z.string(), z.number(), z.null()], { error: 'must be a date string or an epoch number' })
  .optional()
  .transform((v) => (typeof v === 'number' ? epochToIso(v) : optionalText.parse(v)));

function epochToIso(epoch: number): string | null {
  const date = new Date(Math.abs(epoch) < 1e11 ? epoch * 1000 : epoch);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export const ArticleRecord = z
  .object(
    {
      id: z.union([z.string(), z.number()]).optional(),
      title: optionalText,
      url: optionalText,
      link: optionalText,
      source: sourceField,
      outlet: optionalText,
      published_at: dateField,
      publishedAt: dateField,
      publish_date: dateField,
      date: dateField,
      text: optionalText,
      body: optionalText,
      content: optionalText,
      description: optionalText,
    },
    { error: 'must be an object (an article record)' },
  )
  .refine((r) => r.text ?? r.body ?? r.content ?? r.description, {
    message: 'needs a "text", "body" or "content" string (or a "description")',
  });

/** The records of an export wrapped in an object (NewsAPI's `{"status", "articles": [...]}`). */
const Wrapper = z.union([
  z.object({ articles: z.array(z.unknown()) }).transform((w) => w.articles),
  z.object({ items: z.array(z.unknown()) }).transform((w) => w.items),
]);

/** A bare array, the array under `articles`/`items` of an object that is no record itself, or one record. */
function recordsOf(parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) return parsed;
  const wrapped = Wrapper.safeParse(parsed);
  return wrapped.success && !ArticleRecord.safeParse(parsed).success ? wrapped.data : [parsed];
}

// NewsAPI cuts `content` at 200 characters and says how much is missing: "... [+3412 chars]".
const TRUNCATION_MARK = /\[\+\d+ chars\]\s*$/;

export interface ParsedRecords {
  drafts: ArticleDraft[];
  failures: IngestError[];
  warnings: IngestWarning[];
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
          new IngestError(`${origin}:${i + 1}`, `invalid JSON on line ${i + 1}: ${oneLine(error)}`),
        );
      }
    });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new IngestError(origin, `invalid JSON: ${oneLine(error)}`);
    }
    recordsOf(parsed).forEach((value, i) => {
      values.push({ value, where: `record ${i + 1}` });
    });
  }
  const drafts: ArticleDraft[] = [];
  const warnings: IngestWarning[] = [];
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
    // A url names the article it claims to be (its origin): only an absolute http(s) URL can say
    // that. "seeds/003_….txt" as a url replaced that seed; such a value is no identity and is dropped.
    const claimed = r.url ?? r.link;
    const url = claimed && isHttpUrl(claimed) ? claimed : null;
    if (claimed && !url) {
      warnings.push({
        origin: `${origin} (${where})`,
        warning: `url "${claimed.slice(0, 80)}" is not an absolute http(s) URL: ignored, the record is named by its file`,
      });
    }
    const articleText =
      r.text ?? r.body ?? (r.content?.replace(TRUNCATION_MARK, '').trimEnd() || r.description) ?? '';
    const cleaned = stripTrailingFurniture(stripPictureCredits(normaliseWhitespace(articleText)));
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
  return { drafts, failures, warnings };
}

/**
 * JSON.parse quotes the start of the text it could not read, line breaks and control characters as
 * they are: the ingest report's errors are one line each (a PDF named .json gave a three-line one).
 */
function oneLine(error: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return (error as Error).message.replace(/[\x00-\x1F\x7F\u2028\u2029]+/g, ' ');
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return Boolean(new URL(value).hostname);
  } catch {
    return false;
  }
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
