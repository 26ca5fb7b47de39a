/**
 * @module core/reader/wink-sentence-reader
 * A second `SentenceReader`: wink-nlp's English lite model finds dates, durations and amounts (its
 * DATE, TIME, DURATION, MONEY, PERCENT and CARDINAL entities) in place of compromise's tags and the
 * hand-written unit and year patterns; compromise's reader still finds names and counts, which the
 * lite model cannot type ("PROPN" is all it says of a name). Measured against the default in
 * docs/NLP.md; the caller passes wink-nlp in (`eval/nlp/wink-reader.ts` loads it), so the core holds no
 * import of it.
 */
import type { ReaderKind } from './answer-kind.js';
import { MONEY_QUESTION, MONEY_SPAN, notInQuestion, type SentenceReader } from './answer-spans.js';

/** What the reader needs of a wink-nlp instance (`winkNLP(model)`). */
export type WinkNlp = ReturnType<typeof import('wink-nlp').default>;
interface Entity {
  value: string;
  type: string;
}

/** The kinds wink-nlp answers, by the entity types that give each. */
const ENTITY_TYPES: Partial<Record<ReaderKind, readonly string[]>> = {
  date: ['DATE', 'TIME'],
  duration: ['DURATION'],
  // "How old…", "how far…": a duration or a bare number answers too.
  amount: ['MONEY', 'PERCENT', 'CARDINAL', 'DURATION'],
};
const CLAIM_TYPES: Partial<Record<ReaderKind, readonly string[]>> = {
  date: ['DATE', 'TIME'],
  duration: ['DURATION'],
  amount: ['MONEY', 'PERCENT'],
};

export function createWinkSentenceReader(nlp: WinkNlp, names: SentenceReader): SentenceReader {
  const its = nlp.its;
  const entities = new Map<string, Entity[]>();
  const entitiesOf = (sentence: string) => {
    let found = entities.get(sentence);
    if (!found) {
      found = nlp.readDoc(sentence).entities().out(its.detail) as unknown as Entity[];
      if (entities.size >= 2_000) entities.clear();
      entities.set(sentence, found);
    }
    return found;
  };
  const ofTypes = (sentence: string, types: readonly string[]) =>
    entitiesOf(sentence)
      .filter((e) => types.includes(e.type))
      .map((e) => e.value);
  return {
    answersOf(sentence, kind, question) {
      const types = ENTITY_TYPES[kind];
      if (!types) return names.answersOf(sentence, kind, question);
      const spans = notInQuestion(ofTypes(sentence, types), question);
      // Asked what something cost or paid, an answer is a sum of money, not any number.
      if (kind === 'amount' && MONEY_QUESTION.test(question)) return spans.filter((s) => MONEY_SPAN.test(s));
      return spans;
    },
    peopleIn: (text) => names.peopleIn(text),
    tagged: (text) => names.tagged(text),
    focusOf: (question) => names.focusOf(question),
    claimsOf(sentence, kind, question) {
      const types = CLAIM_TYPES[kind];
      return types
        ? notInQuestion(ofTypes(sentence, types), question)
        : names.claimsOf(sentence, kind, question);
    },
  };
}
