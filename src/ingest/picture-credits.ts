/**
 * @module ingest/picture-credits
 * Takes picture credits out of article text that arrives without markup to mark them (a text file, a
 * JSON record, a page whose caption is plain text): "... an official said.CreditJane Doe for The
 * Times", "... in Buffalo on Sunday. John Normile/Getty Images A van is seen ...", "(AP Photo/Yuki
 * Iwamura)", a line "Image source, Getty Images". Only a credit's own shape is removed: a run of
 * capitalised names ending in a picture agency, right after a sentence's end or at a line's start;
 * the sentences around it stay (a caption's description cannot be told from a story's sentence here).
 */

/** Lines that are a credit or a caption's label and nothing else (BBC's visually hidden labels). */
const CREDIT_LINES: RegExp[] = [
  /^Credits?(?:\.{3}|…)\s?\S.{0,150}$/,
  /^Credits?: [^.!?\n]{1,80}$/,
  /^Image (?:source|caption), .{1,200}$/,
  /^(?:Photo|Photograph|Picture|Image|Illustration)(?: credit)?s?: .{1,100}$/,
  /^(?:Getty Images|Reuters|AFP|AP|EPA|Shutterstock|Alamy)$/,
];

/** The longest glued credit kept out ("Credit" and a name or two to the line's end). */
const MAX_GLUED_CREDIT_CHARS = 100;

/** "(AP Photo/John Bazemore, Pool)", "(Photo by Mandel Ngan / AFP)", with the space before it. */
const PARENTHESISED_CREDIT =
  / ?\((?:(?:AP|AFP|Reuters) Photo(?:\/[^()\n]{1,80})?|Photo(?:graph)? (?:by|credit:?) [^()\n]{1,80})\)/g;

/**
 * The end of a name credit: "/Getty Images", "/AP", "/The Buffalo News/AP", " via Getty Images". What
 * comes before it must be capitalised names back to a sentence's end (checked in code, not a pattern).
 */
const AGENCY_END =
  /(?:\/|\bvia )(?:Getty Images|AP|AFP|Reuters|EPA-EFE|EPA|Shutterstock|Alamy|Bloomberg|ZUMA Press|Sipa USA|NurPhoto|Pool)(?:\/(?:FILE|Pool))?(?![\p{L}\p{N}])/gu;

/** A quick test that lets most texts through untouched. */
const MAY_HOLD_A_CREDIT =
  /Credit|Image|Photo|Picture|Illustration|Getty|Reuters|AFP|AP|EPA|Shutterstock|Alamy|Bloomberg|ZUMA|Sipa|NurPhoto|Pool/;

/** The longest credit: a photographer's name or two and a couple of agencies. */
const MAX_CREDIT_CHARS = 90;

/** Lower-case words a credit's names may hold ("Paul Hennessy/Anadolu Agency via Getty Images"). */
const NAME_PARTICLES = new Set([
  'via',
  'for',
  'de',
  'da',
  'del',
  'der',
  'van',
  'von',
  'la',
  'le',
  'al',
  'bin',
  'and',
  '&',
]);

export function stripPictureCredits(text: string): string {
  if (!MAY_HOLD_A_CREDIT.test(text)) return text;
  return text
    .split('\n')
    .map(stripLine)
    .filter((line, i, lines) => line !== null && !(line === '' && lines[i - 1] === null))
    .join('\n');
}

/** The line without its credits; null when the line was a credit and nothing else. */
function stripLine(line: string): string | null {
  const trimmed = line.trim();
  if (trimmed === '') return line;
  if (CREDIT_LINES.some((re) => re.test(trimmed))) return null;
  const out = stripNameCredits(cutGluedCredit(line.replace(PARENTHESISED_CREDIT, '')));
  return out.trim() === '' ? null : out;
}

/**
 * "said.CreditJane Doe for The Times", "said.Credit...Jane Doe": "Credit" right after a sentence's
 * end, then a capital (glued) or "..."/":", running to the line's end. Found by scanning, not a
 * pattern: a pattern retried from every ".Credit" of a long line.
 */
function cutGluedCredit(line: string): string {
  const at = line.lastIndexOf('Credit', line.length);
  if (at < 1 || line.length - at > MAX_GLUED_CREDIT_CHARS + 6) return line;
  let before = at - 1;
  while (before > 0 && /["”’)]/.test(line[before] ?? '')) before--;
  if (!/[.!?]/.test(line[before] ?? '')) return line;
  const rest = line.slice(at + 'Credit'.length).replace(/^s/, '');
  const glued = /^\p{Lu}/u.test(rest) || /^(?:\.{3}|…|:) ?\S/.test(rest);
  return glued ? line.slice(0, at) : line;
}

function stripNameCredits(line: string): string {
  let out = '';
  let from = 0;
  for (const match of line.matchAll(AGENCY_END)) {
    const end = match.index + match[0].length;
    if (end < line.length && !/^\s+(?:[\p{Lu}"“‘(]|$)/u.test(line.slice(end, end + 2))) continue;
    const start = creditStart(line, match.index, from);
    if (start === null) continue;
    // The space before the credit goes with it; the sentence before keeps its full stop.
    const cut = start > from && line[start - 1] === ' ' ? start - 1 : start;
    out += line.slice(from, cut);
    from = end;
  }
  return from === 0 ? line : out + line.slice(from);
}

/**
 * Where the credit ending at `agencyAt` starts: just after a sentence's end (or at the line's start,
 * or where the previous credit ended), if all that lies between is capitalised names; else null.
 */
function creditStart(line: string, agencyAt: number, floor: number): number | null {
  let start = agencyAt;
  while (start > floor && agencyAt - start <= MAX_CREDIT_CHARS) {
    if (line[start - 1] === ' ' && endsASentence(line, start - 1, floor)) break;
    start--;
  }
  if (agencyAt - start > MAX_CREDIT_CHARS) return null;
  const names = line.slice(start, agencyAt).trim();
  if (names === '') return null;
  const words = names.split(/[ /]+/);
  return words.every((w) => /^[\p{Lu}\p{Lt}]/u.test(w) || NAME_PARTICLES.has(w)) ? start : null;
}

/** Words whose full stop ends no sentence inside a credit ("Willie J. Allen Jr./Orlando Sentinel"). */
const ABBREVIATIONS = new Set([
  'Jr',
  'Sr',
  'St',
  'Inc',
  'Co',
  'Corp',
  'Ltd',
  'Gov',
  'Sen',
  'Rep',
  'Dr',
  'Mr',
  'Mrs',
  'Ms',
  'Rev',
]);

/** Whether the text before the space at `space` ends a sentence (after closing quotes or brackets). */
function endsASentence(line: string, space: number, floor: number): boolean {
  let i = space - 1;
  while (i >= floor && /["”’)\]]/.test(line[i] ?? '')) i--;
  if (i < floor) return true;
  if (!/[.!?]/.test(line[i] ?? '')) return false;
  if (line[i] !== '.') return true;
  let wordStart = i;
  while (wordStart > floor && /[\p{L}]/u.test(line[wordStart - 1] ?? '')) wordStart--;
  const word = line.slice(wordStart, i);
  // An initial ("Nam Y. Huh") or a title's abbreviation.
  return !(/^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word));
}
