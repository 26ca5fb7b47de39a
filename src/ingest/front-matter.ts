/**
 * @module ingest/front-matter
 * Reads the YAML front matter that blog engines and scrapers put atop Markdown files. Only top-level
 * `key: value` pairs are needed (title, date, source, url), plain, quoted or block scalars (`|`, `>-`);
 * other keys and nested values are tolerated and ignored, but a block that never closes or a line that
 * is not YAML at all is reported, not guessed at.
 */
export interface FrontMatter {
  fields: Record<string, string>;
  body: string;
}

/** `key: value`; a key is anything up to the colon ("featured image", "og.title") or a quoted string. */
const KEY_VALUE = /^("[^"\n]*"|'[^'\n]*'|[^\s:#"'-][^:#\n]*?)\s*:\s*(.*)$/;
/** `|` keeps line breaks, `>` folds them; chomping (+ -) and indentation (1-9) indicators may follow. */
const BLOCK_SCALAR = /^([|>])([+-]?[1-9]?|[1-9][+-])\s*(#.*)?$/;

/** Splits front matter from the body; returns null when the text has none. Throws a reason string. */
export function parseFrontMatter(text: string): FrontMatter | null {
  if (!/^---[ \t]*\n/.test(text)) return null;
  const close = /\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text.slice(3));
  if (!close) throw new Error('broken front matter: the opening --- has no closing ---');
  const block = text.slice(text.indexOf('\n') + 1, 3 + close.index);
  const body = text.slice(3 + close.index + close[0].length);
  const fields: Record<string, string> = {};
  const lines = block.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // Blank lines, comments, list items, and the indented lines of values we do not read.
    if (line.trim() === '' || line.trimStart().startsWith('#') || /^\s+/.test(line) || /^-(\s|$)/.test(line))
      continue;
    const match = KEY_VALUE.exec(line);
    if (!match?.[1])
      throw new Error(`broken front matter: line ${i + 2} is not "key: value" (${line.slice(0, 60)})`);
    const key = unquote(match[1]).toLowerCase();
    const value = match[2] ?? '';
    const scalar = BLOCK_SCALAR.exec(value.trim());
    if (!scalar) {
      fields[key] = unquote(value);
      continue;
    }
    const indented: string[] = [];
    while (i + 1 < lines.length && (lines[i + 1]?.trim() === '' || /^\s/.test(lines[i + 1] ?? ''))) {
      indented.push(lines[++i] ?? '');
    }
    fields[key] = blockScalar(indented, scalar[1] === '>');
  }
  return { fields, body };
}

/** The text of a block scalar's lines: common indentation off, folded (`>`) or line by line (`|`). */
function blockScalar(lines: string[], folded: boolean): string {
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)?.[0].length ?? 0),
  );
  const content = lines.map((l) => (l.trim() === '' ? '' : l.slice(indent)));
  if (!folded) return content.join('\n').trim();
  // Folding: a line break becomes a space, a blank line a line break.
  return content
    .join('\n')
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\n/g, ' '))
    .join('\n');
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    const inner = v.slice(1, -1);
    return v.startsWith('"') ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
  }
  return v;
}
