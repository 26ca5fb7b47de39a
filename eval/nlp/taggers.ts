/**
 * @module eval/nlp/taggers
 * The candidates of the NLP comparison, each behind one small interface: split a paragraph into
 * sentences, read a sentence once and give its spans of a kind. The libraries as they come (their own
 * entity types mapped to the reader's kinds), and the project's two readers as shipped.
 */
import type { SpanKind } from './labelled.js';

export interface SpanTagger {
  /** The paragraph's sentences, or null when the library has no sentence splitter. */
  sentences(paragraph: string): string[] | null;
  /** Reads `sentence` once; the result gives its spans of a kind (the question for readers that use it). */
  read(sentence: string): (kind: SpanKind, question: string) => string[];
}

export interface Candidate {
  name: string;
  /** The npm packages it loads. */
  packages: string[];
  /** Kinds it tags with a type of its own; other kinds fall to untyped proper-noun runs or nothing. */
  typed: SpanKind[];
  note: string;
  load(): Promise<SpanTagger>;
}

type Nlp = typeof import('compromise').default;
type View = ReturnType<Nlp>;

// Any view of compromise's (people, numbers, matches) prints the same way.
const arr = (v: { out(format: 'array'): unknown }): string[] => v.out('array') as string[];

function compromiseSpans(doc: View, kind: SpanKind, withDates: boolean): string[] {
  // The plugin's methods are not in compromise's own types.
  const plugin = doc as unknown as { dates(): View; durations(): View };
  switch (kind) {
    case 'person':
      return arr(doc.people());
    case 'organisation':
      return arr(doc.organizations());
    case 'place':
      return arr(doc.places());
    case 'date':
      return withDates ? arr(plugin.dates()) : arr(doc.match('#Date+'));
    case 'duration':
      return withDates ? arr(plugin.durations()) : arr(doc.match('#Duration+'));
    case 'amount':
      return [...arr(doc.money()), ...arr(doc.percentages()), ...arr(doc.numbers())];
    case 'count':
      return arr(doc.match('#Cardinal+'));
  }
}

function compromiseTagger(nlp: Nlp, withDates: boolean): SpanTagger {
  return {
    sentences: (p) => (nlp(p).sentences().out('array') as string[]).map((s) => s.trim()),
    read(sentence) {
      const doc = nlp(sentence);
      return (kind) => compromiseSpans(doc, kind, withDates);
    },
  };
}

const WINK_TYPES: Partial<Record<SpanKind, string[]>> = {
  date: ['DATE', 'TIME'],
  duration: ['DURATION'],
  amount: ['MONEY', 'PERCENT', 'CARDINAL'],
  count: ['CARDINAL'],
};

async function loadWink(): Promise<SpanTagger> {
  const winkNLP = (await import('wink-nlp')).default;
  const model = (await import('wink-eng-lite-web-model')).default;
  const nlp = winkNLP(model);
  const its = nlp.its;
  return {
    sentences: (p) => (nlp.readDoc(p).sentences().out() as string[]).map((s) => s.trim()),
    read(sentence) {
      const doc = nlp.readDoc(sentence);
      const entities = doc.entities().out(its.detail) as unknown as { value: string; type: string }[];
      // The lite model has no PERSON/ORG/GPE: names are runs of proper nouns, of no kind.
      const values = doc.tokens().out() as string[];
      const pos = doc.tokens().out(its.pos) as string[];
      const spaces = doc.tokens().out(its.precedingSpaces) as string[];
      const names: string[] = [];
      let run = '';
      values.forEach((v, i) => {
        if (pos[i] === 'PROPN') run = run ? `${run}${spaces[i] ?? ' '}${v}` : v;
        else if (run) {
          names.push(run);
          run = '';
        }
      });
      if (run) names.push(run);
      return (kind) => {
        if (kind === 'person' || kind === 'organisation' || kind === 'place') return names;
        const types = WINK_TYPES[kind] ?? [];
        return entities.filter((e) => types.includes(e.type)).map((e) => e.value);
      };
    },
  };
}

export const CANDIDATES: Candidate[] = [
  {
    name: 'compromise',
    packages: ['compromise'],
    typed: ['person', 'organisation', 'place', 'date', 'duration', 'amount', 'count'],
    note: 'people(), organizations(), places(), #Date, #Duration, money()/percentages()/numbers(), #Cardinal',
    load: async () => compromiseTagger((await import('compromise')).default, false),
  },
  {
    name: 'compromise+dates',
    packages: ['compromise', 'compromise-dates'],
    typed: ['person', 'organisation', 'place', 'date', 'duration', 'amount', 'count'],
    note: 'as compromise, dates from the plugin’s dates() and durations()',
    load: async () => {
      const nlp = (await import('compromise')).default;
      const dates = (await import('compromise-dates')).default;
      return compromiseTagger(nlp.extend(dates) as Nlp, true);
    },
  },
  {
    name: 'wink-nlp',
    packages: ['wink-nlp', 'wink-eng-lite-web-model'],
    typed: ['date', 'duration', 'amount', 'count'],
    note: 'entities(): DATE/TIME, DURATION, MONEY/PERCENT/CARDINAL, CARDINAL; names: PROPN runs (untyped)',
    load: loadWink,
  },
  {
    name: 'chrono-node',
    packages: ['chrono-node'],
    typed: ['date'],
    note: 'dates only: chrono.parse()',
    load: async () => {
      const chrono = await import('chrono-node');
      return {
        sentences: () => null,
        read(sentence) {
          const dates = chrono.parse(sentence).map((r) => r.text);
          return (kind) => (kind === 'date' ? dates : []);
        },
      };
    },
  },
  {
    name: 'reader (shipped)',
    packages: ['compromise'],
    typed: ['person', 'organisation', 'place', 'date', 'duration', 'amount', 'count'],
    note: 'createSentenceReader(compromise).answersOf: compromise plus the project’s rules, question-aware',
    load: async () => {
      const { createSentenceReader } = await import('../../src/core/reader/answer-spans.js');
      return readerTagger(createSentenceReader((await import('compromise')).default));
    },
  },
  {
    name: 'reader (wink)',
    packages: ['wink-nlp', 'wink-eng-lite-web-model', 'compromise'],
    typed: ['person', 'organisation', 'place', 'date', 'duration', 'amount', 'count'],
    note: 'createWinkSentenceReader: wink-nlp for dates, durations and amounts, the shipped reader for the rest',
    load: async () => readerTagger(await (await import('./wink-reader.js')).loadWinkReader()),
  },
  {
    name: 'regex reader',
    packages: [],
    typed: [],
    note: 'REGEX_READER: the no-library fallback (numbers, capitalised runs)',
    load: async () => readerTagger((await import('../../src/core/reader/answer-spans.js')).REGEX_READER),
  },
];

async function readerTagger(reader: {
  answersOf(sentence: string, kind: SpanKind, question: string): string[];
}): Promise<SpanTagger> {
  const { splitSentences } = await import('../../src/core/text/sentences.js');
  return {
    sentences: (p) => splitSentences(p).map((s) => p.slice(s.start, s.end)),
    read: (sentence) => (kind, question) => reader.answersOf(sentence, kind, question),
  };
}
