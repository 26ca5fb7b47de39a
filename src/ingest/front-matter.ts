/**
 * @module ingest/front-matter
 * Reads the YAML front matter that blog engines and scrapers put atop Markdown files. Only flat
 * `key: value` pairs are needed (title, date, source, url); anything else is tolerated and ignored,
 * but a block that never closes or a line that is not YAML at all is reported, not guessed at.
 */
import { z } from 'zod';

export interface FrontMatter {
  fields: Record<string, string>;
  body: string;
}

const KEY_VALUE = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/;

/** Splits front matter from the body; returns null when the text has none. Throws a reason string. */
export function parseFrontMatter(text: string): FrontMatter | null {
  if (!/^---[ \t]*\n/.test(text)) return null;
  const close = /\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text.slice(3));
  if (!close) throw new Error('broken front matter: the opening --- has no closing ---');
  const block = text.slice(text.indexOf('\n') + 1, 3 + close.index);
  const body = text.slice(3 + close.index + close[0].length);
  const fields: Record<string, string> = {};
  block.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#') || /^\s+/.test(line) || /^-\s/.test(line))
      return;
    const match = KEY_VALUE.exec(line);
    if (!match?.[1])
      throw new Error(`broken front matter: line ${i + 2} is not "key: value" (${line.slice(0, 60)})`);
    fields[match[1].toLowerCase()] = unquote(match[2] ?? '');
  });
  return { fields, body };
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    const inner = v.slice(1, -1);
    return v.startsWith('"') ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
  }
  return v;
}

/** A date in any common form -> ISO 8601, or null when it is not a real date. */
export function parseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3');
  const parsed = z.coerce.date().safeParse(v);
  if (!parsed.success || Number.isNaN(parsed.data.getTime())) return null;
  const year = parsed.data.getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  return parsed.data.toISOString();
}
