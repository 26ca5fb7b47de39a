/**
 * The NLP comparison's scores on a labelled article written here, with taggers made for the test:
 * recall counts a span that contains the answer, noise counts every span of the kind, and sentence
 * agreement compares the tagger's sentences with the project's splitter.
 */
import { describe, expect, it } from 'vitest';
import type { Labelled } from './labelled.js';
import { scoreCandidate } from './score.js';
import type { SpanTagger } from './taggers.js';

const TEXT = 'The ferry left Portmere on Monday. It carried 240 passengers over 3 hours.';
const DATA: Labelled = {
  articles: [{ set: 'mine', name: 'ferry', text: TEXT }],
  questions: [
    {
      set: 'mine',
      id: 'q1',
      question: 'How many passengers did the ferry carry?',
      kind: 'count',
      forms: ['240'],
      articles: ['ferry'],
      sentences: ['It carried 240 passengers over 3 hours.'],
    },
  ],
  unplaced: [],
};

const numbersTagger = (match: RegExp, sentences: (p: string) => string[] | null): SpanTagger => ({
  sentences,
  read: (sentence) => (kind) => (kind === 'count' ? (sentence.match(match) ?? []) : []),
});

describe('scoreCandidate', () => {
  it('counts a span containing the answer as found, and every other span of the kind as noise', () => {
    const score = scoreCandidate(
      numbersTagger(/\d+/g, (p) => p.split(/(?<=\.) /)),
      DATA,
    );
    expect(score.kinds.count).toMatchObject({ questions: 1, covers: 1, part: 1 });
    expect(score.kinds.count.spansPerSentence).toBe(1); // "240" and "3" over two sentences
    expect(score.kinds.count.otherPerAnswerSentence).toBe(1); // "3"
    expect(score.misses).toEqual([]);
  });

  it('counts a span that is only part of the answer as a part, and the question as missed', () => {
    const score = scoreCandidate(
      numbersTagger(/\d\d(?=\d)/g, () => null),
      DATA,
    );
    expect(score.kinds.count).toMatchObject({ covers: 0, part: 1 });
    expect(score.misses).toEqual([{ id: 'q1', kind: 'count', forms: ['240'], found: ['24'] }]);
    expect(score.sentences).toBeNull();
  });

  it('scores sentences against the project splitter', () => {
    const same = scoreCandidate(
      numbersTagger(/\d+/g, (p) => p.split(/(?<=\.) /)),
      DATA,
    );
    expect(same.sentences).toMatchObject({ precision: 1, recall: 1, answerWhole: 1 });
    const whole = scoreCandidate(
      numbersTagger(/\d+/g, (p) => [p]),
      DATA,
    );
    expect(whole.sentences).toMatchObject({ precision: 0, recall: 0, answerWhole: 1 });
  });
});
