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

  it('still searches something when the question is only its kind', () => {
    expect(termsOf('Which team?')).toEqual([stem('team')]);
  });
});
