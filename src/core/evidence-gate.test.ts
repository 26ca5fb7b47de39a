/**
 * The answer gate over a small store: asked for recent news, or where fresh news is at hand, an old
 * article that only shares some of the question's words is not evidence, a fresh one that answers it is, and the answer leads with (and keeps to) the evidence.
 */
import { describe, expect, it } from 'vitest';
import { askOver } from '../test-support/ask-over.js';
import type { ArticleDraft } from './article.js';
import { refersBack } from './reader/evidence-gate.js';

const NOW = '2026-03-02T09:00:00.000Z';

const OLD: ArticleDraft = {
  origin: 'old.txt',
  title: 'Harbour dredging contract in doubt',
  source: 'The Archive',
  url: null,
  publishedAt: '2024-01-10T00:00:00.000Z',
  text: 'The harbour dredging plan of Crane Bay Works was debated for months by the council. Residents asked about the cost.',
};

const FRESH: ArticleDraft = {
  origin: 'fresh.txt',
  title: 'Marine firm gets harbour dredging contract',
  source: 'The Daily',
  url: null,
  publishedAt: '2026-02-27T00:00:00.000Z',
  text: 'Blue Tide Marine, a local firm, won it after a long tender, officials said on Monday. Work starts in April.',
};

function briefingOver(drafts: ArticleDraft[]) {
  return { ask: askOver(drafts, NOW) };
}

const QUESTION = 'Which company won the harbour dredging contract?';

describe('the evidence gate', () => {
  // Asked for recent news, an old article must carry the question on its own.
  it('abstains on a question about recent news when only an old article shares part of it', async () => {
    const answer = await briefingOver([OLD]).ask(
      'Which company won the harbour dredging contract this week?',
    );
    expect(answer.abstained).toBe(true);
  });

  // The old sentence scores higher than the fresh one (more of the question's words, and names), but
  // carries too little of the question for an old article; the fresh one stands in a passage whose
  // title is about the question.
  it('answers from fresh news and leaves the higher-scored old near miss out', async () => {
    const answer = await briefingOver([OLD, FRESH]).ask(QUESTION);
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/^Blue Tide Marine, a local firm, won it/);
    expect(answer.citations.map((c) => c.origin)).not.toContain('old.txt');
  });

  it('answers from an old article that carries the whole question', async () => {
    const answer = await briefingOver([
      { ...OLD, text: 'Blue Tide Marine won the harbour dredging contract, the company said.' },
    ]).ask(QUESTION);
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('Blue Tide Marine');
  });
});

describe('refersBack', () => {
  it('tells a sentence that leans on the one before', () => {
    expect(refersBack('They closed the mill in May.')).toBe(true);
    expect(refersBack('About 300 of them will lose their jobs.')).toBe(true);
    expect(refersBack('Two of those sites are in Wales.')).toBe(true);
    expect(refersBack('The mill employs 300 of the town’s workers.')).toBe(false);
    expect(refersBack('Workers at the mill were told on Monday, and many of them left.')).toBe(false);
  });
});
