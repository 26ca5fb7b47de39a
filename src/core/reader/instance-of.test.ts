/**
 * "Which X": a name counts as an answer only when the sentence gives it as an X (sentences written
 * here, compromise's tags).
 */
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { askedHeadOf } from './answer-kind.js';
import type { TaggedWord } from './counted-thing.js';
import { isInstanceOf } from './instance-of.js';

const words = (text: string): TaggedWord[] =>
  (nlp(text).json() as { terms: TaggedWord[] }[]).flatMap((s) => s.terms);
const headOf = (question: string) => {
  const head = askedHeadOf(question, words(question));
  if (!head) throw new Error(`no head in ${question}`);
  return head;
};
const instance = (question: string, sentence: string, span: string) =>
  isInstanceOf(sentence, span, headOf(question), words(sentence));

describe('askedHeadOf', () => {
  it('reads the class asked for and the words beside the gap', () => {
    expect(headOf('Which programming language is the Kestrel scheduler written in?')).toMatchObject({
      noun: 'language',
      kind: 'name',
      gap: ['written', 'in'],
    });
    expect(headOf('Which site reported the harbour closure first?')).toMatchObject({
      noun: 'site',
      kind: 'organisation',
      verbAfter: 'reported',
    });
  });

  it('is null for a question that asks no class of name', () => {
    expect(askedHeadOf('Who runs the Calder ferry?')).toBeNull();
    expect(askedHeadOf('What is the name of the ferry?')).toBeNull();
    expect(askedHeadOf('Which name did the council pick?')).toBeNull();
  });
});

describe('isInstanceOf', () => {
  const team = 'Which team does Mara Quill drive for?';

  it('takes a name with the class noun in or beside it', () => {
    expect(instance(team, 'Quill has raced for the Harbour Lights team since 2019.', 'Harbour Lights')).toBe(
      true,
    );
    expect(
      instance(
        'Which company builds the new ferry?',
        'The ferry is built by Tarrow, a Calder company.',
        'Tarrow',
      ),
    ).toBe(true);
    expect(
      instance(
        'Which fonts do designers mock?',
        'Designers mock certain fonts (like Comic Sans).',
        'Comic Sans',
      ),
    ).toBe(true);
  });

  it('takes a name where the question’s gap stands', () => {
    const q = 'Which programming language is the Kestrel scheduler written in?';
    expect(instance(q, 'The Kestrel scheduler is written in Rust.', 'Rust')).toBe(true);
    expect(instance(team, 'Quill drives for Harbour Lights Racing.', 'Harbour Lights Racing')).toBe(true);
    const stranded = 'Which note app can you now copy recipes from into Pantry?';
    expect(instance(stranded, 'Cooks can now copy recipes from Scrawl into Pantry.', 'Scrawl')).toBe(true);
  });

  it('refuses a name the sentence gives as something else', () => {
    expect(instance(team, 'Quill signed a deal with Tarrow Co. last year.', 'Tarrow Co.')).toBe(false);
    const q = 'Which programming language is the Kestrel scheduler written in?';
    expect(instance(q, 'The Kestrel scheduler was built by Helen Quill.', 'Helen Quill')).toBe(false);
    const press = 'Which company published the novel?';
    expect(instance(press, 'The novel, “The Orchard Road,” came out in 1965.', 'The Orchard Road')).toBe(
      false,
    );
  });

  it('refuses a pronoun, a piece of a word and a place asked for a company', () => {
    const q = 'Which programming language is the Kestrel scheduler written in?';
    expect(instance(q, 'Speed mattered: It had to run every job on time.', 'It')).toBe(false);
    const press = 'Which company published the novel?';
    expect(instance(press, 'The novel is an anti-Western set on the coast.', 'Western')).toBe(false);
    expect(instance(press, 'The novel is set in 1800s Texas.', 'Texas')).toBe(false);
    expect(instance(press, 'In 2000, the novel became a film.', '2000')).toBe(false);
  });

  it('refuses a place of another kind than the one asked for', () => {
    const city = 'Which Portuguese city saw record heat this week?';
    const sentence = 'Heat records fell in Spain, Portugal and Morocco, and in Lisbon on Tuesday.';
    expect(instance(city, sentence, 'Morocco')).toBe(false);
    expect(instance(city, sentence, 'Lisbon')).toBe(true);
    const country = 'Which country changed its clocks for the last time?';
    expect(instance(country, 'Residents of Arizona do not change their clocks.', 'Arizona')).toBe(false);
  });

  it('does not refuse a name it cannot type either way', () => {
    expect(instance(team, 'The Harbour Lights beat the Gulls 3-1 on Sunday.', 'Harbour Lights')).toBe(true);
  });

  it('takes compromise’s organisation for "which company", not for a narrower class', () => {
    const sentence = 'A post by Blue Delta Jean Co. showed the driver at the diner.';
    expect(instance('Which company sponsors the driver?', sentence, 'Blue Delta Jean Co.')).toBe(true);
    expect(instance(team, sentence, 'Blue Delta Jean Co.')).toBe(false);
  });

  it('refuses a piece of a longer name even when compromise tags it an organisation', () => {
    const q = 'Which company published the novel?';
    const sentence = 'The novel won the Hollis Faulkner Foundation Award in 1965.';
    expect(instance(q, sentence, 'Foundation')).toBe(false);
  });
});
