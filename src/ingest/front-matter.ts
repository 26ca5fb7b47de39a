/**
 * @module ingest/front-matter
 * Reads the YAML front matter that blog engines and scrapers put atop Markdown files, with the `yaml`
 * parser (YAML 1.2, the one Jekyll- and Hugo-style front matter is written in). Top-level text, number
 * and boolean values become fields; invalid YAML is reported with the parser's reason and line.
 */
import { parseDocument } from 'yaml';

export interface FrontMatter {
  fields: Record<string, string>;
  /** Keys whose value is a list or a mapping: kept out of `fields`, named when the key matters. */
  nonText: string[];
  body: string;
}

/**
 * Front matter holds a few lines of metadata. A block this large is not front matter, and the parser's
 * time (and a nesting of a million "[") grows with it.
 */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/** Splits front matter from the body; returns null when the text has none. Throws a reason string. */
export function parseFrontMatter(text: string): FrontMatter | null {
  if (!/^---[ \t]*\n/.test(text)) return null;
  const close = /\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text.slice(3));
  if (!close) throw new Error('broken front matter: the opening --- has no closing ---');
  const start = text.indexOf('\n') + 1;
  const block = text.slice(start, 3 + close.index);
  const body = text.slice(3 + close.index + close[0].length);
  if (block.length > MAX_FRONT_MATTER_CHARS) {
    throw new Error(
      `broken front matter: ${block.length.toLocaleString('en-US')} characters between the --- lines ` +
        `(the limit is ${MAX_FRONT_MATTER_CHARS.toLocaleString('en-US')})`,
    );
  }
  // `uniqueKeys: false`: a repeated key is a slip, not a reason to lose the article (the last one wins).
  // logLevel: its warnings (a mapping as a key) would go to stderr beside the ingest report.
  const document = parseDocument(block, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const [error] = document.errors;
  if (error) {
    // The parser's line is within the block; the file's first line is the opening ---.
    const line = countLines(block, error.pos[0]) + 1;
    throw new Error(`broken front matter: invalid YAML on line ${line}: ${firstLine(error.message)}`);
  }
  const data: unknown = document.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { fields: {}, nonText: [], body };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('broken front matter: it is not a list of "key: value" lines');
  }
  const fields: Record<string, string> = {};
  const nonText: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const name = key.trim().toLowerCase();
    if (typeof value === 'string') fields[name] = value.trim();
    else if (typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
    else if (value !== null && value !== undefined) nonText.push(name);
  }
  return { fields, nonText, body };
}

/** The 1-based line of `offset` in `text`. */
function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end < 0 ? message : message.slice(0, end)).replace(/ at line \d+, column \d+:?$/, '').trim();
}
