/**
 * Which capitalised words answer "who" or "which" (compromise over sentences written here): people,
 * not places, days or organisations; no opening function word and no name the question already gives.
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { createSentenceReader } from './answer-spans.js';

const reader = createSentenceReader(nlp);

describe('answersOf a person', () => {
  it('finds no person in a sentence of places and days', () => {
    const sentence = 'Fire crews from Harlow County reached the Greenbank Mill in Vermont on Monday evening.';
    expect(reader.answersOf(sentence, 'person', 'Who owns the Greenbank Mill?')).toEqual([]);
  });

  it('finds no person where the sentence only says the owners were not reached', () => {
    const sentence = 'The owners of the Greenbank Mill could not be reached for comment on Tuesday.';
    expect(reader.answersOf(sentence, 'person', 'Who owns the Greenbank Mill?')).toEqual([]);
  });

  it('finds a person compromise knows and one it does not, named in two words', () => {
    const sentence = 'The mill belongs to Ines Corbett and her cousin Aldo Varnetti, who bought it in 2011.';
    expect(reader.answersOf(sentence, 'person', 'Who owns the Greenbank Mill?')).toEqual(
      expect.arrayContaining(['Ines Corbett', 'Aldo Varnetti']),
    );
  });

  it('finds a person known by one name, at the start of the sentence', () => {
    const sentence = 'Varnetti of Greenbank said on Monday that the mill would reopen.';
    expect(
      reader.answersOf(sentence, 'person', 'Who said the Greenbank Mill would reopen?').join(' '),
    ).toContain('Varnetti');
  });
});

describe('answersOf a name', () => {
  it('does not take an opening function word for a name', () => {
    const sentence = 'Since its launch two years ago, the Kestrel scheduler has grown into a core service.';
    expect(reader.answersOf(sentence, 'name', 'Which database does the Kestrel scheduler use?')).toEqual([]);
  });

  it("does not take the question's own name, or the words its initials stand for, for an answer", () => {
    const sentence =
      'Kestrel Task Queue (KTQ) is the system Brightline built to run jobs at Brightline scale.';
    expect(reader.answersOf(sentence, 'name', "Which language is Brightline's KTQ written in?")).toEqual([]);
    expect(
      reader.answersOf(
        'KTQ is written in Rust and runs on Nomad.',
        'name',
        "Which language is Brightline's KTQ written in?",
      ),
    ).toEqual(expect.arrayContaining(['Rust']));
  });
});
