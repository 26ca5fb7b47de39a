/**
 * @module core/reader/answer-spans
 * Finds answers of a kind in a sentence with compromise (a maintained English NLP library: people,
 * places, organisations, money, percentages, numbers and dates from its lexicon and tagger), so that
 * the gate can ask "does this sentence give a count?" rather than "does it share the question's
 * words?". A span the question already contains is no answer ("How many of the 2,000 staff…" is not
 * answered by "2,000"). compromise takes about half a second to load: `loadSentenceReader` loads it
 * once, on the first question; until then (and for synchronous callers) `REGEX_READER` stands in.
 */
import { statesKind } from '../text/facts.js';
import { createParseMemo, loadNlpParses } from '../text/parse-memo.js';
import { DEFAULT_READER, type ReaderTuning } from '../tuning.js';
import { type AnswerFocus, focusOf } from './answer-focus.js';
import type { ReaderKind } from './answer-kind.js';
import { countedThingOf, countsIn, countsOfThing, type TaggedWord } from './counted-thing.js';
import { entityClaims } from './entity-claims.js';
import { isPlainOpening, personSpans, repeatsQuestion } from './name-spans.js';
import { causalLinksIn } from './reason-link.js';

export interface SentenceReader {
  /**
   * Answers of `kind` in `sentence` that `question` does not already contain. Asked how many of a
   * thing, only counts of it (or of nothing named: "300 of them"), not of another thing.
   */
  answersOf(sentence: string, kind: ReaderKind, question: string): string[];
  /** The names of people in `text` ("Stuart Kaplan"); none when the reader cannot tell. */
  peopleIn(text: string): string[];
  /**
   * The answers of `kind` the sentence clearly gives, to compare sources: a person compromise knows
   * for a person (not every capitalised word), a sum of money or a share for an amount, a count tied
   * to the thing asked for, a date or a duration, an organisation, a city or a named thing
   * (`entity-claims.ts`); none for other kinds or when the reader cannot tell.
   */
  claimsOf(sentence: string, kind: ReaderKind, question: string): string[];
  /** The words of `text` with compromise's tags; none when the reader has no tagger. */
  tagged(text: string): TaggedWord[];
  /** What the question's answer must be tied to (`answer-focus.ts`); null when the reader cannot tell. */
  focusOf(question: string): AnswerFocus | null;
}

type Nlp = typeof import('compromise').default;
type View = ReturnType<Nlp>;

const UNIT =
  /\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a few|several|a couple of|half an?|an?)[- ](?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|nights?)\b|\bevery (?:\w+ )?(?:second|minute|hour|day|week|month|year)\b|\b(?:hourly|daily|weekly|monthly|yearly|annually|overnight)\b/gi;
const YEAR = /^(?:1[5-9]|20)\d\d$/;
/** Kinds answered by a name: its opening function word or the question's own name is none. */
const NAME_KINDS = new Set<ReaderKind>(['person', 'organisation', 'place', 'name']);
const LEADING = new Set(
  'the a an this that these those it its he she they we i you his her their our my your there here in on at for but and or so if when while as after before by with from of to also then now who what where why how which whose whom is are was were do does did can could will would has have had should'.split(
    ' ',
  ),
);

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function notInQuestion(spans: string[], question: string): string[] {
  const asked = ` ${fold(question)} `;
  return [
    ...new Set(
      spans
        .map((s) => s.replace(/^[\s"“'‘(]+|[\s,.;:!?"”'’)]+$/gu, ''))
        .filter((s) => {
          const f = fold(s);
          return f.length > 0 && !asked.includes(` ${f} `);
        }),
    ),
  ];
}

/** Capitalised words and runs of them, a sentence's first word only when it is no common word. */
export function properNames(sentence: string): string[] {
  const names: string[] = [];
  for (const m of sentence.matchAll(
    /(?:\p{Lu}[\p{L}\p{N}'’.&-]*|\p{N}+\p{Lu}[\p{L}\p{N}]*)(?:\s+(?:of |de |van |von |the )?\p{Lu}[\p{L}\p{N}'’.&-]*)*(?:\s\d+(?:\.\d+)*\b(?![,.]?\d))?/gu,
  )) {
    const first = m[0].split(/\s+/)[0]?.toLowerCase() ?? '';
    if (m.index === 0 && LEADING.has(first)) {
      const rest = m[0].split(/\s+/).slice(1).join(' ');
      if (rest) names.push(rest);
      continue;
    }
    names.push(m[0]);
  }
  return names;
}

function quoted(sentence: string): string[] {
  return [...sentence.matchAll(/["“‘']([^"”’']{2,80})["”’']/gu)].map((m) => m[1] ?? '');
}

function spansOf(doc: View, sentence: string, kind: ReaderKind, tuning: ReaderTuning): string[] {
  switch (kind) {
    case 'amount':
      return [
        ...doc.money().out('array'),
        ...doc.percentages().out('array'),
        ...doc.match('#Value+').not('#Date').not('#Ordinal').out('array'),
        ...(sentence.match(UNIT) ?? []),
      ];
    case 'count':
      return doc
        .match('#Cardinal+')
        .out('array')
        .concat(
          sentence.match(/\b(?:dozens|hundreds|thousands|millions|billions|a dozen|a handful)\b/gi) ?? [],
        )
        .filter((v: string) => !YEAR.test(v.trim()));
    case 'date':
      return [
        ...doc.match('#Date+').not('#Duration').out('array'),
        ...(statesKind(sentence, 'date') ? (sentence.match(/\b(?:1[5-9]|20)\d\d\b/g) ?? []) : []),
      ].filter((d: string) => !/^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)$/i.test(d.trim()));
    case 'duration':
      return [...doc.match('#Duration').out('array'), ...(sentence.match(UNIT) ?? [])].filter((d: string) =>
        /\d|one|two|three|four|five|six|seven|eight|nine|ten|few|several|couple|half|every|ly\b|overnight|an? /i.test(
          d,
        ),
      );
    case 'person':
      return personSpans(
        wordsOf(doc),
        doc.people().out('array'),
        properNames(sentence),
        doc.places().out('array'),
        tuning.maxPersonNameWords,
      );
    case 'organisation':
      return [...doc.organizations().out('array'), ...properNames(sentence)];
    case 'place':
      return [
        ...doc.places().out('array'),
        ...[
          ...sentence.matchAll(
            /\b(?:in|at|from|near|to) ((?:the )?\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)*)/gu,
          ),
        ].map((m) => m[1] ?? ''),
      ];
    case 'name':
      return [...properNames(sentence), ...quoted(sentence)];
    case 'reason':
      return causalLinksIn(sentence);
    default:
      return [];
  }
}

/** A parse's words, read once per parse: `doc.json()` is the costliest call the reader makes. */
const wordsOfDoc = new WeakMap<View, TaggedWord[]>();
function wordsOf(doc: View): TaggedWord[] {
  let words = wordsOfDoc.get(doc);
  if (!words) {
    words = (doc.json() as { terms: TaggedWord[] }[]).flatMap((s) => s.terms);
    wordsOfDoc.set(doc, words);
  }
  return words;
}

/**
 * @param parse the parse of a text; by default a memo of `nlp`'s own (`text/parse-memo.ts`), which the
 *   served reader shares with the conversation's names (`loadSentenceReader`).
 * @param tuning what the reader counts as a person's name or one word's forms (`ReaderTuning`).
 */
export function createSentenceReader(
  nlp: Nlp,
  parse: (text: string) => View = createParseMemo(nlp).parse,
  tuning: ReaderTuning = DEFAULT_READER,
): SentenceReader {
  const docOf = parse;
  return {
    answersOf(sentence, kind, question) {
      const doc = docOf(sentence);
      // Asked how many of a thing, only counts of that thing (or of nothing named) answer.
      const thing = kind === 'count' ? countedThingOf(wordsOf(docOf(question))) : null;
      const found =
        thing === null ? spansOf(doc, sentence, kind, tuning) : countsOfThing(wordsOf(doc), thing);
      const spans = NAME_KINDS.has(kind)
        ? notInQuestion(found, question).filter(
            (s) => !isPlainOpening(s, wordsOf(doc), kind === 'person') && !repeatsQuestion(s, question),
          )
        : notInQuestion(found, question);
      // Asked what something cost or paid, an answer is a sum of money, not any number.
      if (kind === 'amount' && MONEY_QUESTION.test(question)) return spans.filter((s) => MONEY_SPAN.test(s));
      return spans;
    },
    peopleIn(text) {
      return docOf(text).people().out('array');
    },
    focusOf(question) {
      return focusOf(wordsOf(docOf(question)));
    },
    claimsOf(sentence, kind, question) {
      const doc = docOf(sentence);
      const thing = kind === 'count' ? countedThingOf(wordsOf(docOf(question))) : null;
      return notInQuestion(claimSpans(doc, sentence, kind, thing, tuning), question);
    },
    tagged(text) {
      return wordsOf(docOf(text));
    },
  };
}

function claimSpans(
  doc: View,
  sentence: string,
  kind: ReaderKind,
  thing: string | null,
  tuning: ReaderTuning,
): string[] {
  switch (kind) {
    case 'person':
      return doc.people().out('array');
    case 'amount':
      return [...doc.money().out('array'), ...doc.percentages().out('array')];
    case 'count':
      return thing === null
        ? []
        : countsIn(wordsOf(doc), thing)
            .filter((c) => c.of === 'thing')
            .map((c) => c.text);
    case 'date':
    case 'duration':
      return spansOf(doc, sentence, kind, tuning);
    default:
      // Organisations, places (no countries or regions) and named things: `entity-claims.ts`.
      return entityClaims(sentence, wordsOf(doc), kind);
  }
}

export const MONEY_QUESTION =
  /\b(?:pay|paid|cost|price|spend|spent|worth|charg|money|fund|rais|sell|sold|buy|bought|fee|salary|budget|earn|fine)\w*/i;
export const MONEY_SPAN = /[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|cents?|usd|eur|gbp|bucks)\b/i;

/** Without compromise: the regex checks of `text/facts.ts` and capitalised names. */
export const REGEX_READER: SentenceReader = {
  answersOf(sentence, kind, question) {
    const spans: string[] = [];
    if (kind === 'amount' || kind === 'count') spans.push(...(sentence.match(/\d[\d,.]*%?/g) ?? []));
    if (kind === 'date' && statesKind(sentence, 'date'))
      spans.push(...(sentence.match(/\b\w+ \d{1,4}\b/g) ?? []));
    if (kind === 'duration') spans.push(...(sentence.match(UNIT) ?? []));
    if (kind === 'reason') spans.push(...causalLinksIn(sentence));
    if (kind === 'person' || kind === 'organisation' || kind === 'place' || kind === 'name')
      spans.push(...properNames(sentence));
    return notInQuestion(spans, question);
  },
  peopleIn: () => [],
  claimsOf: () => [],
  tagged: () => [],
  focusOf: () => null,
};

let loading: Promise<SentenceReader> | undefined;

export function loadSentenceReader(): Promise<SentenceReader> {
  loading ??= loadNlpParses().then(({ nlp, parse }) => createSentenceReader(nlp, parse));
  return loading;
}
