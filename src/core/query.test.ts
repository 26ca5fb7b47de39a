import { describe, expect, it } from 'vitest';
import { understandQuestion } from './query.js';
import { tokenize } from './text/tokenize.js';

const now = new Date('2023-05-12T12:00:00Z');
const termsOf = (question: string) => understandQuestion(question, now).terms;
const stem = (word: string) => tokenize(word)[0];

describe('understandQuestion: the kind of answer asked for', () => {
  it('does not search for a kind-of-answer noun: the answer names a country, it does not say "country"', () => {
    const terms = termsOf('Which country will become the first to label individual cigarettes?');
    expect(terms).not.toContain(stem('country'));
    expect(terms).toContain(stem('cigarettes'));
  });

  it('drops a kind noun that comes second: "which social media platform"', () => {
    const terms = termsOf('Which social media platform expanded its link-sharing feature?');
    expect(terms).not.toContain(stem('platform'));
    expect(terms).toContain(stem('social'));
  });

  it('searches the words that qualify the answer: "which Pacific island nation", "which search engine"', () => {
    expect(termsOf('The US opened an embassy in which Pacific island nation?')).toContain(stem('Pacific'));
    expect(termsOf('A settlement from which search engine?')).toContain(stem('search'));
    expect(termsOf('Which candy brand is facing criticism?')).toContain(stem('candy'));
  });

  it('ends the kind of answer at a verb or article: there "team" and "state" are what is asked about', () => {
    expect(termsOf('What did the team say about the deal?')).toContain(stem('team'));
    expect(termsOf('What is the state of the economy?')).toContain(stem('state'));
  });

  it('reads each "which"/"what" on its own, with possessives and any letters', () => {
    const both = termsOf('In what country and which team did he play?');
    expect(both).not.toContain(stem('country'));
    expect(both).not.toContain(stem('team'));
    expect(termsOf('Which country’s rail network was criticised?')).not.toContain(stem('country'));
    const zurich = termsOf('Which Zürich team won the cup?');
    expect(zurich).not.toContain(stem('team'));
    expect(zurich).toContain(stem('Zürich'));
  });

  it('drops praise of the answer ("which popular app") but not the same word elsewhere', () => {
    expect(termsOf('Senators want to ban which popular app?')).not.toContain(stem('popular'));
    expect(termsOf('Who won the popular vote?')).toContain(stem('popular'));
  });

  it('still searches something when the question is only its kind', () => {
    expect(termsOf('Which team?')).toEqual([stem('team')]);
  });
});

describe('understandQuestion: time words', () => {
  it('reads "last week", "in the past 24 hours" and "news" as wanting recent news, not as words to find', () => {
    for (const question of [
      'How much did Acme pay for Widget last week?',
      'How much did Acme pay for Widget in the past 24 hours?',
      'Latest Acme news about Widget?',
    ]) {
      const query = understandQuestion(question, now);
      expect(query.recency, question).toBe(true);
      for (const word of ['last', 'week', 'past', '24', 'hours', 'news']) {
        expect(query.terms, `${question}: ${word}`).not.toContain(stem(word));
      }
      expect(query.terms).toContain(stem('Acme'));
    }
  });

  it('ignores a "since" date that is not on the calendar instead of filtering everything out', () => {
    expect(understandQuestion('What did Acme buy since 2023-02-30?', now).since).toBeNull();
    expect(understandQuestion('What did Acme buy since 2023-05-01?', now).since).toBe(
      '2023-05-01T00:00:00.000Z',
    );
  });
});
