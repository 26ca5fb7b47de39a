import { describe, expect, it } from 'vitest';
import type { Digest, Story } from './digest.js';
import { digestTurn } from './digest-turn.js';

const story = (headline: string, summary: string, updated = false): Story => ({
  id: headline,
  headline,
  summary,
  facts: [],
  citations: [],
  articleIds: [],
  outlets: [],
  unknownOutlets: 0,
  disagreement: null,
  updated,
  newOutlets: [],
  latestAt: '2026-03-02T08:00:00.000Z',
});

describe('digestTurn', () => {
  it('puts the headlines in the question and headlines with summaries, unmarked, in the answer', () => {
    const digest: Digest = {
      window: { from: '2026-03-01T08:00:00.000Z', to: '2026-03-02T08:00:00.000Z' },
      topic: null,
      more: 0,
      stories: [
        story('First', 'One thing happened. [1] Then another. [2][3]'),
        story('Second', 'More. [1]', true),
      ],
    };
    const turn = digestTurn(digest);
    expect(turn).toMatchObject({
      question: "Today's digest: First; Second",
      answer: '1. First\nOne thing happened. Then another.\n\n2. Second (updated)\nMore.',
    });
    // Follow-ups in its thread: "what else?" skips its stories, "who reported it?" is the first one.
    expect(turn.context).toMatchObject({
      kind: 'briefing',
      subject: 'First',
      briefing: { topic: null, days: 1, shown: digest.stories.map((s) => s.id) },
    });
  });
});
