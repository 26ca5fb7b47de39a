/**
 * @module ingest/clean-text
 * Normalises article text before it is stored: one newline convention, no zero-width characters, no
 * Markdown markup (so a quoted sentence reads as prose), and no trailing site furniture ("Tags:",
 * "About author", "Source: geekwire.com"), from which the outlet is read when it is named.
 */

export interface CleanedBody {
  text: string;
  /** The outlet named by a trailing "Source:", "via:" or "Visit:" line, if any. */
  outlet: string | null;
}

/**
 * Line endings, zero-width characters, trailing blanks and runs of blank lines; and reference markers
 * ("filing[3]", "price.[^1]"), which are not the article's words and would read as the bot's own
 * citation numbers in a quote.
 */
export function normaliseWhitespace(raw: string): string {
  return (
    stripReferenceMarkers(raw)
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .normalize('NFC')
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      // Control characters are no text: a PDF header and 64 bytes of 0x01 were stored as an article.
      .replace(/[\f\v\u2028\u2029]/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
      .replace(/[\x00-\x08\x0E-\x1F\x7F]/g, '')
      .replace(/\u00A0/g, ' ')
      .split('\n')
      .map((line) => trimEndBlanks(line).replace(/\t/g, ' '))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/**
 * Every pattern in this file (and the ingest parsers) runs in linear time on any input: a pattern that
 * could retry from each character of a long run (`[ \t]+$`, `\[[^\]]+\]\(` on 200,000 "[") held
 * ingest for minutes. regex-safety.test.ts checks each one with recheck; spaces before a marker and
 * at line ends are trimmed by the loops below instead of a regex.
 */
/** `[3]`, `[^1]` after a word or punctuation; not `[^1]:` definitions. */
const REFERENCE_MARKER = /\[\^?\d{1,3}\](?=[\s.,;:!?)"”’]|$)/gmu;

/** Drops each marker with the blanks before it, unless it opens its line (a numbered list item). */
function stripReferenceMarkers(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(REFERENCE_MARKER)) {
    let start = match.index;
    while (start > from && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    if (start === 0 || text[start - 1] === '\n') continue;
    out += text.slice(from, start);
    from = match.index + match[0].length;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** `line` without its trailing spaces and tabs. */
function trimEndBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end === line.length ? line : line.slice(0, end);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
/** `[rel]: https://…` (a reference link's target), not a line of text such as `[Update]: The company…`. */
const LINK_DEFINITION = /^ {0,3}\[[^\][^]+\]:[ \t]*(?:<[^<>]*>|https?:\/\/\S+|\/\S*)(?:[ \t]+["'(].*)?$/;

/** A numeric entity's character, or null for one that names no character (or NUL). */
function fromCodePoint(code: number): string | null {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : null;
}

/**
 * Markdown markup -> plain prose, line by line: headings, list markers, block quotes, emphasis, code,
 * inline and reference links, autolinks, inline HTML tags and entities; fences and link definitions go.
 */
export function stripMarkdown(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s{0,3}(```|~~~)/.test(line) && !LINK_DEFINITION.test(trimEndBlanks(line)))
    .map((line) =>
      line
        .replace(/^\s{0,3}(>\s?)+/, '')
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s*[*+-]\s+/, '- ')
        .replace(/!\[[^\][]*\]\((?:[^()]|\([^()]*\))*\)/g, '')
        .replace(/\[([^\][]+)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
        .replace(/\[([^\][^]+)\]\[[^\][]*\]/g, '$1')
        .replace(/<((?:https?|mailto):[^<>\s]+)>/g, '$1')
        .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, '')
        .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? '')
        .replace(/&#(\d{1,7});/g, (whole, code: string) => fromCodePoint(Number(code)) ?? whole)
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/^\s*(-{3,}|\*{3,}|_{3,})\s*$/, ''),
    )
    .join('\n');
}

// Lines are trimmed before these are tried, so none needs white space at its ends.
const FURNITURE: RegExp[] = [
  /^(?:tags?|categories|category|topics?|share(?: this(?: article| story)?)?|related(?: articles| stories)?|read more|advertisement|article|about(?: the)? authors?|comments?)[ \t]?:?$/i,
  /^(?:more from .{0,40}|subscribe.{0,60}|sign up.{0,60}|follow us.{0,60}|newsletter.{0,60}|all rights reserved.{0,60}|©.{0,80}|copyright .{0,80})$/i,
  /^(?:tags?|categories|topics?|keywords)[ \t]?:.{0,300}$/i,
  /^(?:photo|image|credit)[ \t]?:.{0,200}$/i,
  // A closing list of references: "Sources:" and its "[1] …" lines.
  /^(?:sources|references|notes|footnotes)[ \t]?:?$/i,
  /^\[\^?\d{1,3}\]:?\s.{0,300}$/,
];
const OUTLET_LINE =
  /^(source|via|visit|originally published (?:at|on|by)|published by|reported by)[ \t]?:[ \t]*(\S.{1,79})$/i;

/** Removes trailing furniture lines and reads the outlet a "Source:" style line names. */
export function stripTrailingFurniture(text: string): CleanedBody {
  const lines = text.split('\n');
  let outlet: string | null = null;
  let end = lines.length;
  // Walk back over furniture; it sits in the last lines, after the story.
  while (end > 0) {
    const line = (lines[end - 1] ?? '').trim();
    if (line === '' || FURNITURE.some((re) => re.test(line))) {
      end--;
      continue;
    }
    const named = OUTLET_LINE.exec(line);
    if (named?.[2]) {
      outlet ??= named[2].trim();
      end--;
      continue;
    }
    break;
  }
  return { text: lines.slice(0, end).join('\n').trim(), outlet };
}
