/**
 * The kind of answer a question wants, and answers of that kind found in sentences written here
 * (compromise's people, places, organisations, numbers and dates; a span the question holds is none).
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { kindOfQuestion } from './answer-kind.js';
import { createSentenceReader } from './answer-spans.js';
import type { TaggedWord } from './counted-thing.js';

const reader = createSentenceReader(nlp);

describe('kindOfQuestion', () => {
  it.each([
    ['How much did the council pay for the site?', 'amount'],
    ['What is the average age of the drivers?', 'amount'],
    ['What was the rent for the flat?', 'amount'],
    ['How many people work at the mill?', 'count'],
    ['What is the number of ferries in the fleet?', 'count'],
    ['The number of visitors fell by how much last year?', 'amount'],
    ['When was the mill built?', 'date'],
    ['How long did the strike last?', 'duration'],
    ['Who runs the bakery?', 'person'],
    ['Which company owns the mill?', 'organisation'],
    ['Where is the bakery?', 'place'],
    ['What is the name of the new ferry?', 'name'],
    ['Is the mill closing?', 'yesno'],
    ['Why is the mill closing?', 'reason'],
    ['What does the new rule say about night work?', 'description'],
  ])('%s → %s', (question, kind) => {
    expect(kindOfQuestion(question)).toBe(kind);
  });
});

describe('kindOfQuestion, read by its wh-phrase and head noun', () => {
  const tagged = (q: string) => (nlp(q).json() as { terms: TaggedWord[] }[]).flatMap((s) => s.terms);

  it.each([
    // "which/what X": the head noun of X, the last before the verb.
    ['Which state senator is behind the ferry bill?', 'person'],
    ['Which club does the striker play for?', 'organisation'],
    ['Which bakery closed near Portmere?', 'organisation'],
    ['Which lens took the photo of the comet?', 'name'],
    ['What lens took the photo of the comet?', 'description'],
    ['What type of calls will the police stop attending?', 'description'],
    ['Which type of engine powers the ferry?', 'name'],
    ['Divers found that the old wreck was full of what?', 'description'],
    ['What is the busiest place in the harbour?', 'description'],
    ["What's the capital of the island?", 'place'],
    // "what is the X (of Y)": the noun asked for.
    ['What is the deadline to apply for the grant?', 'date'],
    ["What's the pound to euro exchange rate this week?", 'amount'],
    ['What was the name of the ferry captain who retired?', 'person'],
    ['What was the title of the mayor’s speech?', 'name'],

    ['What is the Portmere Ferry Trust?', 'description'],
    // the verb after "what" / "how".
    ['What did the old ferryman die of?', 'reason'],
    ['What might have caused the mill fire?', 'reason'],
    ['What caused the power cut?', 'reason'],
    ['How did the sinkhole on Quay Street come about?', 'reason'],
    ['How did the council pick the site?', 'description'],
    ['What does the acronym PFT stand for?', 'description'],
    ['What did the new ferry cost?', 'amount'],
    // "when": an event's time, or a condition.
    ['When does the harbour office open?', 'date'],
    ['When does a ferry skip the night crossing?', 'description'],
    ['When did the mill close?', 'date'],
    ['Until when does the council keep the lease?', 'date'],
    // requests.
    ['Can you give me a good recipe for fish pie?', 'description'],
    ['Can you tell me who runs the bakery?', 'person'],
  ])('%s → %s', (question, kind) => {
    expect(kindOfQuestion(question, tagged(question))).toBe(kind);
  });
});

describe('answers of a kind in a sentence', () => {
  const has = (sentence: string, question: string) =>
    reader.answersOf(sentence, kindOfQuestion(question), question).length > 0;

  it('finds each kind where the sentence gives it, and not where it does not', () => {
    expect(
      has('The council paid $4.5 million for the site.', 'How much did the council pay for the site?'),
    ).toBe(true);
    expect(has('The council bought the site in 2019.', 'How much did the council pay for the site?')).toBe(
      false,
    );
    expect(has('About 300 people work at the mill.', 'How many people work at the mill?')).toBe(true);
    expect(has('Many people work at the mill.', 'How many people work at the mill?')).toBe(false);
    expect(has('The mill was built in 1921 by the Harlow family.', 'When was the mill built?')).toBe(true);
    expect(has('The strike lasted six weeks.', 'How long did the strike last?')).toBe(true);
    expect(has('The bakery is run by Mina Osei.', 'Who runs the bakery?')).toBe(true);
    expect(has('The bakery is run by a former nurse.', 'Who runs the bakery?')).toBe(false);
    expect(has('The bakery is on Quay Street in Portmere.', 'Where is the bakery?')).toBe(true);
    expect(has('Harlow Paper blamed falling demand.', 'Why is the mill closing?')).toBe(true);
  });

  it('does not take a figure the question already gives for the answer', () => {
    expect(has('The plant employs 2,000 people.', 'How many of the 2,000 people will lose their jobs?')).toBe(
      false,
    );
  });
});
