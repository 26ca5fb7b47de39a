/**
 * @module core/text/tokenize
 * Turns text into index terms: lower case, no diacritics, stopwords out, Porter2 stems for words, while
 * amounts, percentages, model names and acronyms survive ("$38 billion" -> 38 billion, "5%" -> 5 pct,
 * "GB200" -> gb200, "U.S." -> usa). The same function serves the index and the queries.
 */
import porter2 from 'wink-porter2-stemmer';
import { ChunkTable, FNV_OFFSET, mixHash } from './chunk-table.js';
import { STOPWORDS } from './stopwords.js';

/**
 * A word-ish run starts with a letter, a digit or $€£% and goes on through those and the punctuation
 * that lives inside tokens (. , ' ’ & -). Letters are code-point ranges (Latin through Greek/Cyrillic,
 * CJK, Hangul, full-width forms); the general punctuation block (U+2000–U+206F) stays outside. A lookup
 * table over the BMP replaces a regex scan, which made tokenising the bulk of ingest and search time.
 */
const LETTER_RANGES: [number, number][] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x1fff],
  [0x2c00, 0x2dff],
  [0x3040, 0xd7ff],
  [0xf900, 0xfdff],
  [0xfe70, 0xfefe],
  [0xff10, 0xff19],
  [0xff21, 0xff3a],
  [0xff41, 0xff5a],
  [0xff66, 0xffdc],
];
const START = 1;
const INNER = 2;
const CHAR_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (const [from, to] of LETTER_RANGES) table.fill(START | INNER, from, to + 1);
  for (const ch of '$€£%') table[ch.charCodeAt(0)] = START | INNER;
  for (const ch of ".,'’&-") table[ch.charCodeAt(0)] = INNER;
  return table;
})();

const MAGNITUDE: Record<string, string> = {
  k: 'thousand',
  m: 'million',
  mn: 'million',
  b: 'billion',
  bn: 'billion',
  tn: 'trillion',
};
const WORD_ALIASES: Record<string, string> = { percent: 'pct', per_cent: 'pct' };

export interface TokenizeOptions {
  /** Keep stopwords (for phrase checks); default false. */
  keepStopwords?: boolean;
}

/**
 * The longest run read as one chunk; a longer one is read as several. No word or code is this long, and
 * the chunk's patterns and the stemmer must not see a megabyte-long "word" (Porter2 is quadratic in a
 * word's length: one of 20,000 letters took 8 s).
 */
export const MAX_CHUNK_CHARS = 128;
/** Longer words are indexed as written (folded), not stemmed: no English word has this many letters. */
const MAX_STEMMED_CHARS = 40;

/**
 * Terms per raw chunk: news text is Zipfian, so almost every chunk has been seen before and costs one
 * lookup instead of the regexes and the stemmer. Bounded, cleared when full: 300,000 entries fit each
 * table in 2^19 slots (about 10 MB of slot arrays).
 */
const CHUNK_CACHE_LIMIT = 300_000;
const chunkCache = [new ChunkTable<string[]>(CHUNK_CACHE_LIMIT), new ChunkTable<string[]>(CHUNK_CACHE_LIMIT)];

/** Index terms of `text`, in order, with repeats. */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const keep = options.keepStopwords ?? false;
  const cache = chunkCache[keep ? 1 : 0] as ChunkTable<string[]>;
  const terms: string[] = [];
  const length = text.length;
  for (let i = 0; i < length; ) {
    if (((CHAR_CLASS[text.charCodeAt(i)] ?? 0) & START) === 0) {
      i++;
      continue;
    }
    let hash = mixHash(FNV_OFFSET, text.charCodeAt(i));
    let end = i + 1;
    const last = Math.min(length, i + MAX_CHUNK_CHARS);
    for (; end < last; end++) {
      const code = text.charCodeAt(end);
      if (((CHAR_CLASS[code] ?? 0) & INNER) === 0) break;
      hash = mixHash(hash, code);
    }
    let chunkTerms = cache.get(text, i, end, hash);
    if (chunkTerms === undefined) {
      const raw = text.slice(i, end);
      chunkTerms = [];
      // Compatibility forms (ligatures, full-width letters) fold here, once per distinct chunk.
      const folded = raw.normalize('NFKC');
      if (folded === raw) termsOfChunk(raw, chunkTerms, keep);
      else for (const term of tokenize(folded, options)) chunkTerms.push(term);
      // A copy, not a slice: V8 keeps a sliced string's whole parent (an article's text) alive, and
      // the cache would hold on to every article it ever saw.
      cache.set(flatCopy(raw), hash, chunkTerms);
    }
    i = end;
    for (const term of chunkTerms) terms.push(term);
  }
  return terms;
}

/** Distinct terms, first occurrence order. */
export function uniqueTerms(text: string): string[] {
  return [...new Set(tokenize(text))];
}

function flatCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

function termsOfChunk(raw: string, out: string[], keepStopwords: boolean): void {
  let chunk = trimEndChars(raw, ".,'’&-");
  if (chunk === '') return;
  // Acronyms with dots (U.S., U.K.) and an upper-case US mean the country, not the pronoun.
  if (/^(\p{L}\.)+\p{L}?$/u.test(`${chunk}.`.replace(/\.\.$/, '.')) && chunk.includes('.')) {
    const letters = chunk.replace(/\./g, '').toLowerCase();
    out.push(letters === 'us' ? 'usa' : letters);
    return;
  }
  if (chunk === 'US') {
    out.push('usa');
    return;
  }
  chunk = foldCase(chunk).replace(/['’]s$/u, '');
  const hasPercent = chunk.endsWith('%');
  chunk = trimEndChars(chunk.replace(/^[$€£%]+/u, ''), '%');
  if (chunk === '') return;

  if (/^\d[\d,]*(\.\d+)?$/u.test(chunk)) {
    out.push(numberTerm(chunk));
    if (hasPercent) out.push('pct');
    return;
  }
  const magnitude = /^(\d+(?:\.\d+)?)(k|m|mn|b|bn|tn)$/u.exec(chunk);
  if (magnitude?.[1] && magnitude[2]) {
    out.push(numberTerm(magnitude[1]), MAGNITUDE[magnitude[2]] ?? magnitude[2]);
    return;
  }
  const parts = chunk.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (parts.length > 1) {
    for (const part of parts) pushWord(part, out, keepStopwords);
    if (parts.every((p) => /^\p{L}+$/u.test(p)) && chunk.length <= 24) {
      const joined = parts.join('');
      if (!STOPWORDS.has(joined)) out.push(stemWord(joined));
    }
    return;
  }
  pushWord(chunk, out, keepStopwords);
  if (hasPercent) out.push('pct');
}

/** `text` without the run of `chars` at its end (a loop: `/[…]+$/` retries from every character). */
function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

function pushWord(raw: string, out: string[], keepStopwords: boolean): void {
  const word = raw.replace(/[^\p{L}\p{N}]/gu, '');
  if (word === '') return;
  if (/\d/u.test(word)) {
    // Model names and codes (gb200, ec2, h100, 2026) are kept whole and unstemmed.
    out.push(word.replace(/[^\p{L}\p{N}]/gu, ''));
    return;
  }
  if (word.length < 2) return;
  if (!keepStopwords && STOPWORDS.has(word)) return;
  const alias = WORD_ALIASES[word];
  out.push(alias ?? stemWord(word));
}

// Porter2 (Snowball English) stems consistently where Porter1 does not ("exceed"/"exceeding",
// "news"/"new"), but costs ~2.5 µs a word; news vocabulary is Zipfian, so a memo makes it cheap.
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

function stemWord(word: string): string {
  if (word.length <= 3 || word.length > MAX_STEMMED_CHARS) return word;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = porter2(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

function numberTerm(number: string): string {
  const [whole = '', fraction] = number.replace(/,/g, '').split('.');
  const trimmed = whole.replace(/^0+(?=\d)/u, '');
  return fraction && !/^0+$/u.test(fraction) ? `${trimmed}p${fraction}` : trimmed;
}

/** Lower case without diacritics and with straight apostrophes. */
export function foldCase(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/’/g, "'");
}
