/**
 * What every sentence reader must do, run against both: compromise's (the default) and the one that
 * asks wink-nlp for dates, durations and amounts (docs/NLP.md). Sentences written here.
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { kindOfQuestion } from './answer-kind.js';
import { createSentenceReader } from './answer-spans.js';
import { createWinkSentenceReader } from './wink-sentence-reader.js';

const compromiseReader = createSentenceReader(nlp);
const READERS = [
  ['compromise', compromiseReader],
  ['wink-nlp + compromise', createWinkSentenceReader(winkNLP(model), compromiseReader)],
] as const;

describe.each(READERS)('sentence reader: %s', (_, reader) => {
  const answers = (sentence: string, question: string) =>
    reader.answersOf(sentence, kindOfQuestion(question), question).join(' | ');

  it('finds an answer of each kind where the sentence gives one', () => {
    expect(
      answers('The trust paid $4.5 million for the old pier.', 'How much did the trust pay for the pier?'),
    ).toContain('$4.5 million');
    expect(
      answers('About 300 volunteers cleared the beach.', 'How many volunteers cleared the beach?'),
    ).toContain('300');
    expect(
      answers('The lighthouse was built in 1874 by the harbour board.', 'When was the lighthouse built?'),
    ).toContain('1874');
    expect(answers('The ferry strike lasted six weeks.', 'How long did the ferry strike last?')).toContain(
      'six weeks',
    );
    expect(answers('The museum is run by Tomas Lindqvist.', 'Who runs the museum?')).toContain(
      'Tomas Lindqvist',
    );
  });

  it('reads the source of a state as its cause', () => {
    expect(
      answers(
        'Her calm on stage comes from twenty years of playing in pubs.',
        'Why is the singer so calm on stage?',
      ),
    ).toContain('comes from');
    expect(answers('Her calm on stage is famous in the town.', 'Why is the singer so calm on stage?')).toBe(
      '',
    );
  });

  it('finds none where the sentence gives none', () => {
    expect(
      answers('The trust bought the old pier last spring.', 'How much did the trust pay for the pier?'),
    ).toBe('');
    expect(answers('Many volunteers cleared the beach.', 'How many volunteers cleared the beach?')).toBe('');
    expect(answers('The ferry strike ended after talks.', 'How long did the ferry strike last?')).toBe('');
  });

  it('takes only sums of money for what something cost, and nothing the question already gives', () => {
    expect(answers('The trust paid $4.5 million for 30 acres.', 'How much did the trust pay?')).not.toContain(
      '30',
    );
    expect(
      answers(
        'The fund grew from $2 million to $5 million.',
        'How much did the fund grow to from $2 million?',
      ),
    ).not.toContain('$2 million');
  });

  it('gives the dates and sums a sentence claims, to compare sources by', () => {
    expect(reader.claimsOf('The hearing is set for October 12, 2023.', 'date', '').join(' ')).toContain(
      'October 12',
    );
    expect(reader.claimsOf('Each member will receive $250.', 'amount', '').join(' ')).toContain('$250');
    expect(reader.peopleIn('Did Tomas Lindqvist open the museum?')).toEqual(['Tomas Lindqvist']);
  });
});
