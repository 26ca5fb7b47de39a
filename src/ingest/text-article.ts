/**
 * @module ingest/text-article
 * Turns a plain-text or Markdown article into a draft the way a careful editor would: front matter
 * when present, else a title line when the text starts with one, else a title derived from the lead
 * sentence; the outlet when the text names it; the date only when it is given.
 */
import type { ArticleDraft } from '../core/article.js';
import { IngestError } from '../core/errors.js';
import { normaliseWhitespace, stripMarkdown, stripTrailingFurniture } from './clean-text.js';
import { parseFrontMatter } from './front-matter.js';
import { outletName } from './outlets.js';
import { parseDate } from './parse-date.js';
import { stripPictureCredits } from './picture-credits.js';

const MIN_BODY_CHARS = 40;

/**
 * `warnings` receives what the article was kept despite: a date that could not be read (the article is
 * stored with its date unknown), a title or date in the front matter that is not text.
 */
export function parseTextArticle(origin: string, raw: string, warnings: string[] = []): ArticleDraft {
  const text = normaliseWhitespace(raw);
  if (text === '') throw new IngestError(origin, 'empty file: there is no text to index');
  let front: ReturnType<typeof parseFrontMatter>;
  try {
    front = parseFrontMatter(text);
  } catch (error) {
    throw new IngestError(origin, (error as Error).message);
  }
  const fields = front?.fields ?? {};
  for (const key of front?.nonText ?? []) {
    if (KEYS_READ.has(key)) warnings.push(`front matter "${key}" is a list or a mapping, not text: ignored`);
  }
  const cleaned = stripTrailingFurniture(
    stripPictureCredits(stripMarkdown(front ? front.body.trim() : text)),
  );
  let body = cleaned.text;
  let title = fields.title?.trim() || null;
  if (!title) {
    const lead = takeTitleLine(body);
    title = lead.title;
    body = lead.body;
  }
  if (body.length < MIN_BODY_CHARS) {
    throw new IngestError(origin, `too little text: ${body.length} characters of body after the title`);
  }
  const source = fields.source ?? fields.outlet ?? fields.publisher ?? fields.site ?? cleaned.outlet;
  return {
    origin,
    title: title ?? deriveTitle(body),
    source: source ? outletName(source) : null,
    url: fields.url ?? fields.link ?? fields.canonical ?? null,
    publishedAt: readDate(fields, warnings),
    text: body,
  };
}

const DATE_KEYS = ['date', 'published', 'published_at', 'pubdate'];
const KEYS_READ = new Set([
  'title',
  'source',
  'outlet',
  'publisher',
  'site',
  'url',
  'link',
  'canonical',
  ...DATE_KEYS,
]);

function readDate(fields: Record<string, string>, warnings: string[]): string | null {
  const key = DATE_KEYS.find((k) => fields[k]);
  const value = key ? fields[key] : undefined;
  if (!key || !value) return null;
  const date = parseDate(value);
  if (!date)
    warnings.push(`front matter ${key} "${value.slice(0, 60)}" is not a date: stored with the date unknown`);
  return date;
}

/**
 * A first paragraph that is short and has no closing full stop is a title. A lower-case slug or
 * keyword line before the real title ("openai amazon partnership") is dropped.
 */
export function takeTitleLine(text: string): { title: string | null; body: string } {
  const paragraphs = text.split(/\n/);
  let i = 0;
  const isTitle = (line: string) =>
    line.length >= 3 && line.length <= 200 && !/[.!:;,]["”’]?$/.test(line) && /\p{L}/u.test(line);
  const first = (paragraphs[0] ?? '').trim();
  const nextIndex = paragraphs.findIndex((p, j) => j > 0 && p.trim() !== '');
  const next = nextIndex > 0 ? (paragraphs[nextIndex] ?? '').trim() : '';
  if (!isTitle(first) || next === '') return { title: null, body: text };
  if (first === first.toLowerCase() && first.split(/\s+/).length <= 6 && isTitle(next)) i = nextIndex;
  const title = (paragraphs[i] ?? '').trim();
  if (title === title.toLowerCase() && !isTitle(next)) return { title: null, body: text };
  return {
    title,
    body: paragraphs
      .slice(i + 1)
      .join('\n')
      .trim(),
  };
}

/** A headline from the lead sentence: attribution dropped, cut at a clause or word boundary. */
export function deriveTitle(body: string): string {
  const firstLine = body.split('\n')[0] ?? body;
  let sentence = (/^.*?[.!?](?=\s|$)/.exec(firstLine)?.[0] ?? firstLine).replace(/[.!?]$/, '');
  sentence = sentence.replace(/^(according to|as reported by|per)\s[^,]{1,60},\s*/i, '');
  sentence = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  const LIMIT = 100;
  if (sentence.length <= LIMIT) return sentence;
  // Prefer ending where a relative clause or an aside begins: "X signed a deal with Y that will ...".
  const relative = /\s(that|which|who|whose|as|after|while|because)\s/g;
  let cut = -1;
  for (const m of sentence.matchAll(relative)) if (m.index > 40 && m.index <= LIMIT) cut = m.index;
  if (cut < 0) cut = sentence.slice(0, LIMIT).search(/,[^,]*$|\s[—–-]\s[^—–-]*$/);
  if (cut > 40) return sentence.slice(0, cut);
  return `${sentence.slice(0, sentence.lastIndexOf(' ', LIMIT))}…`;
}
