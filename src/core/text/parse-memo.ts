/**
 * @module core/text/parse-memo
 * One compromise parse per distinct text, shared by the reader (`reader/answer-spans.ts`) and the
 * conversation's names (`conversation/find-entities.ts`): the same passages, questions and answers
 * recur across questions and turns, and a parse is the costliest step of both (docs/BENCHMARKS.md,
 * "Slack load on two processes sharing PostgreSQL"). Bounded: least recently used parses go first.
 */

/**
 * Parses kept. Measured (2026-12-04, seeds and rtqa-news article text): 2,000 parses of single
 * sentences hold about 20 MB of heap, 2,000 of four-sentence replies about 48 MB; the memo holds mostly
 * sentences (the reader's), a question and a reply per answer. The reader kept up to 2,000 parses
 * before too, in a map it emptied when full. Serving RSS budget: docs/BENCHMARKS.md (≤ 300 MB).
 */
export const PARSE_MEMO_CAPACITY = 2_000;

export interface ParseMemo<T> {
  /** The parse of `text`, made on first use and kept while it is among the `capacity` last used. */
  parse(text: string): T;
  /** Parses kept now. */
  readonly size: number;
}

export function createParseMemo<T>(parse: (text: string) => T, capacity = PARSE_MEMO_CAPACITY): ParseMemo<T> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const kept = new Map<string, T>();
  return {
    parse(text) {
      const found = kept.get(text);
      if (found !== undefined) {
        kept.delete(text);
        kept.set(text, found);
        return found;
      }
      const made = parse(text);
      if (capacity <= 0) return made;
      if (kept.size >= capacity) {
        const oldest = kept.keys().next();
        if (!oldest.done) kept.delete(oldest.value);
      }
      kept.set(text, made);
      return made;
    },
    get size() {
      return kept.size;
    },
  };
}

type Nlp = typeof import('compromise').default;
/** A compromise document: the parse of a text. */
export type NlpDoc = ReturnType<Nlp>;

/** compromise's parser and the process's one memo of its parses. */
export interface NlpParses {
  nlp: Nlp;
  parse(text: string): NlpDoc;
}

let loading: Promise<NlpParses> | undefined;

/**
 * Loads compromise once (about half a second, so on first use: most commands never need it) with one
 * memo of its parses for the process. The parses are only read (matches, `json()`), never changed,
 * so the reader and the conversation can share them.
 */
export function loadNlpParses(): Promise<NlpParses> {
  loading ??= import('compromise').then((m) => {
    const memo = createParseMemo((text: string) => m.default(text));
    return { nlp: m.default, parse: memo.parse };
  });
  return loading;
}
