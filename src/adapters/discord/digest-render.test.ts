/**
 * A digest as Discord messages: the seed story as one embed with its markers, facts, disagreement,
 * outlets and sources; links, "(updated)", the "more" line, the empty digest; and any digest, however
 * large, split into messages Discord accepts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Citation } from '../../core/article.js';
import { buildDigest } from '../../core/digest/build-digest.js';
import type { Digest, Story } from '../../core/digest/digest.js';
import { createSeededBriefing, type SeededBriefing } from '../../test-support/seeded-briefing.js';
import { renderDigest } from './digest-render.js';
import { clickableLinks, shownText } from './testing/rendered-markdown.js';
import { formBodyProblems } from './testing/wire-checks.js';

function makeCitation(overrides: Partial<Citation> = {}): Citation {
  return {
    n: 1,
    articleId: 'a1',
    title: 'Chip export rules tightened',
    source: 'Reuters',
    url: null,
    origin: 'feed',
    publishedAt: '2026-03-01T10:00:00.000Z',
    quote: 'New rules apply from Monday.',
    ...overrides,
  };
}

function makeStory(overrides: Partial<Story> = {}): Story {
  return {
    id: 'a1',
    headline: 'Chip export rules tightened',
    summary: 'New rules apply from Monday. [1]',
    facts: [{ text: 'New rules apply from Monday.', citations: [1] }],
    citations: [makeCitation()],
    articleIds: ['a1'],
    outlets: ['Reuters'],
    unknownOutlets: 0,
    disagreement: null,
    updated: false,
    newOutlets: [],
    latestAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

function makeDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    window: { from: '2026-03-01T09:00:00.000Z', to: '2026-03-02T09:00:00.000Z' },
    topic: null,
    stories: [makeStory()],
    more: 0,
    ...overrides,
  };
}

describe('renderDigest', () => {
  let seeded: SeededBriefing;
  beforeAll(async () => {
    seeded = await createSeededBriefing();
  });
  afterAll(() => seeded.close());

  it('shows the seed story as one embed: markers, facts, disagreement, outlets and numbered sources', async () => {
    const digest = await buildDigest(seeded.store, {
      since: '2026-03-01T09:00:00.000Z',
      until: '2026-03-02T09:00:00.000Z',
    });
    const messages = renderDigest(digest);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.content).toBe('📰 **News digest: 1 story since 2026-03-01 09:00 UTC**');
    expect(message?.embeds).toHaveLength(1);
    const embed = message?.embeds?.[0];
    expect(embed?.title).toBe(
      '1. OpenAI Signs $38 Billion AWS Deal, Signaling a Power Shift in Big Tech’s AI Infrastructure Race',
    );
    expect(embed?.url).toBeUndefined(); // the seed articles have no URL
    expect(embed?.description).toMatch(/^OpenAI has made a significant move .*\[1\]/);
    expect(embed?.description).toMatch(/\n• According to CNBC, .* \[4\]\[5\]\[6\]\n/);
    expect(embed?.description).toMatch(/\n\n⚠️ Sources disagree: .*not disclosed \[9\]/);
    const fields = embed?.fields ?? [];
    expect(fields[0]).toEqual({
      name: 'Outlets',
      value: '5 sources: AIInsightsNews, Amazon, GeekWire, 2 unnamed',
      inline: true,
    });
    expect(fields[1]).toEqual({ name: 'Newest', value: '<t:1772442000:f>', inline: true });
    const sources = fields[2]?.value.split('\n') ?? [];
    expect(fields[2]?.name).toBe('Sources');
    expect(sources).toHaveLength(5);
    expect(sources[0]).toBe(
      '[1][2][3] **OpenAI Signs $38 Billion AWS Deal, Signaling a Power Shift in Big Tech’s AI Infrastructure Race** · GeekWire · date unknown',
    );
    expect(sources).toContainEqual(expect.stringMatching(/^\[9\] .* · unknown outlet · 27 Feb 2026$/));
  });

  it('links the headline to its article, marks updated stories, and ends with how many were left out', () => {
    const url = 'https://example.com/chips';
    const [message] = renderDigest(
      makeDigest({
        topic: 'chips',
        stories: [makeStory({ updated: true, citations: [makeCitation({ url })] })],
        more: 3,
      }),
    );
    expect(message?.content).toBe('📰 **News digest on "chips": 4 stories since 2026-03-01 09:00 UTC**');
    expect(message?.embeds?.[0]).toMatchObject({ title: '1. Chip export rules tightened (updated)', url });
    expect(message?.embeds?.[0]?.fields?.[2]?.value).toBe(
      `[1] [Chip export rules tightened](${url}) · Reuters · 1 Mar 2026`,
    );
    expect(message?.embeds?.at(-1)?.description).toBe('…and 3 more — try `/brief search`');
  });

  it('is one line when nothing is new', () => {
    expect(renderDigest(makeDigest({ stories: [] }))).toEqual([
      { content: 'Nothing new since 2026-03-01 09:00 UTC.' },
    ]);
    expect(
      renderDigest(makeDigest({ stories: [] }), { emptyText: 'Nothing new since the last digest.' }),
    ).toEqual([{ content: 'Nothing new since the last digest.' }]);
  });

  it('keeps article markdown inert', () => {
    const [message] = renderDigest(
      makeDigest({
        stories: [makeStory({ headline: '**Big** [deal](https://evil.example)', summary: '# Heading' })],
      }),
    );
    const title = message?.embeds?.[0]?.title ?? '';
    expect(shownText(title)).toBe('1. **Big** [deal](https://evil.example)');
    expect(clickableLinks(title)).toEqual([]);
    expect(message?.embeds?.[0]?.description).toMatch(/^\\# Heading/);
  });

  it('splits any digest into messages Discord accepts, keeping every story and source', () => {
    const text = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme-ascii' });
    const story = fc
      .record({
        headline: text(400),
        summary: fc.string({ maxLength: 9000, unit: 'grapheme-ascii' }),
        facts: fc.array(fc.record({ text: text(800), citations: fc.array(fc.nat(60), { maxLength: 5 }) }), {
          maxLength: 30,
        }),
        titles: fc.array(text(400), { minLength: 1, maxLength: 60 }),
        disagreement: fc.option(text(600)),
        outlets: fc.array(text(120), { maxLength: 40 }),
      })
      .map(({ titles, ...s }) =>
        makeStory({
          ...s,
          citations: titles.map((title, i) =>
            makeCitation({ n: i + 1, articleId: `a${i % 40}`, title, url: `https://example.com/${i}` }),
          ),
        }),
      );
    fc.assert(
      fc.property(fc.array(story, { minLength: 1, maxLength: 12 }), fc.nat(9), (stories, more) => {
        const messages = renderDigest(makeDigest({ stories, more }));
        for (const { content, embeds = [] } of messages) {
          expect(formBodyProblems({ ...(content === undefined ? {} : { content }), embeds })).toEqual([]);
        }
        const embeds = messages.flatMap((m) => m.embeds ?? []);
        expect(embeds.filter((e) => e.title).map((e) => e.title?.split('. ')[0])).toEqual(
          stories.map((_, i) => String(i + 1)),
        );
        const sourceLines = embeds
          .flatMap((e) => e.fields ?? [])
          .filter((f) => f.name.startsWith('Sources'))
          .flatMap((f) => f.value.split('\n'));
        const articles = stories.map((s) => new Set(s.citations.map((c) => c.articleId)).size);
        expect(sourceLines).toHaveLength(articles.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 40 },
    );
  });
});
