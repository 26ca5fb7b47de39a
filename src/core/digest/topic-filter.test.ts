import { describe, expect, it } from 'vitest';
import { topicFilter, topicProblem } from './topic-filter.js';

const lead = (title: string, text = '') => ({ title, text });

describe('topicFilter', () => {
  it('matches a topic by its index terms, half of them at least', () => {
    const about = topicFilter('hurricane florida evacuation');
    expect(about(lead('Hurricane Delia hits Florida'))).toBe(true);
    expect(about(lead('Florida budget passes'))).toBe(false);
  });

  it('matches an acronym made of a stop word as written, whole word and case', () => {
    const who = topicFilter('WHO');
    expect(who(lead('WHO declares outbreak over'))).toBe(true);
    expect(who(lead('Officials who met on Monday agreed'))).toBe(false);
    expect(who(lead('The WHOLE region'))).toBe(false);
    const band = topicFilter('The Who');
    expect(band(lead('Tickets for The Who sold out'))).toBe(true);
    expect(band(lead('Fans who queued for the tour'))).toBe(false);
  });
});

describe('topicProblem', () => {
  it('accepts words, names and acronyms, and refuses common words in lower case or no words', () => {
    expect(topicProblem('AI chips')).toBeNull();
    expect(topicProblem('WHO')).toBeNull();
    expect(topicProblem('IT')).toBeNull();
    expect(topicProblem('the')).toMatch(/only common words/);
    expect(topicProblem('who')).toMatch(/e\.g\. WHO/);
    expect(topicProblem('?!')).toMatch(/needs a word/);
  });
});
