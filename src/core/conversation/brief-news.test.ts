import { describe, expect, it } from 'vitest';
import { createSeededBriefing, fixedClock } from '../../test-support/seeded-briefing.js';
import type { ArticleDraft } from '../article.js';
import { emptyIngestReport, ingestDraft } from '../ingest-articles.js';
import { briefNews } from './brief-news.js';

const draft = (
  origin: string,
  title: string,
  text: string,
  extra: Partial<ArticleDraft> = {},
): ArticleDraft => ({
  origin,
  title,
  source: null,
  url: null,
  publishedAt: null,
  text,
  ...extra,
});

const VOLCANO = draft(
  'volcano.txt',
  'Volcano erupts on Iceland peninsula',
  'A volcano erupted on the Reykjanes peninsula on Monday evening, sending lava fountains 100 metres high. Authorities evacuated the fishing town of Grindavik, home to 3,700 people, as a precaution.',
  { source: 'RÚV', publishedAt: '2026-12-01T20:00:00.000Z' },
);
const CHESS = draft(
  'chess.txt',
  'Teenager wins the world rapid chess title',
  'A sixteen-year-old from Chennai won the world rapid chess championship in New York on Sunday after a tiebreak against the defending champion. The final round lasted more than four hours.',
);

async function seededAt(iso: string, extra: ArticleDraft[] = []) {
  const seeded = await createSeededBriefing(fixedClock(iso));
  for (const d of extra) await ingestDraft(seeded.store, seeded.clock, d, emptyIngestReport());
  return seeded;
}

describe('briefNews', () => {
  it('briefs the top stories dated in the window, one or two cited verbatim sentences each', async () => {
    const seeded = await seededAt('2026-03-02T09:00:00.000Z');
    const news = await briefNews(seeded.store, seeded.clock.now(), {
      question: 'q',
      topic: null,
      days: 3,
      shown: [],
    });
    expect(news.answer.answer).toMatch(/^The top story from the last 3 days:\n1\. /);
    const [story] = news.stories;
    expect(story).toMatchObject({ articles: 5, publishedAt: '2026-02-27T14:34:31.343Z' });
    expect(story?.sentences.length).toBeGreaterThanOrEqual(1);
    expect(story?.sentences.length).toBeLessThanOrEqual(2);
    expect(news.answer.answer).toContain('2026-02-27');
    for (const c of news.answer.citations) {
      expect((await seeded.store.getArticle(c.articleId))?.text).toContain(c.quote);
      expect(news.answer.answer).toContain(`[${c.n}]`);
    }
    seeded.close();
  });

  it('says when nothing is dated in the window and briefs the most recent stories, never inventing a date', async () => {
    const seeded = await seededAt('2026-12-02T09:00:00.000Z', [CHESS]);
    const news = await briefNews(seeded.store, seeded.clock.now(), {
      question: 'q',
      topic: null,
      days: 3,
      shown: [],
    });
    expect(news.answer.answer).toMatch(
      /^Nothing I have is dated in the last 3 days, so here are the most recent stories/,
    );
    expect(news.stories.map((s) => s.publishedAt)).toEqual(['2026-02-27T14:34:31.343Z', null]);
    expect(news.answer.answer).toMatch(
      /Teenager wins the world rapid chess title \(1 article, outlet not named; date unknown\)/,
    );
    seeded.close();
  });

  it('puts what is dated in the window first, and continues with the next stories, then says that is all', async () => {
    const seeded = await seededAt('2026-12-02T09:00:00.000Z', [VOLCANO, CHESS]);
    const now = seeded.clock.now();
    const first = await briefNews(
      seeded.store,
      now,
      { question: 'q', topic: null, days: 3, shown: [] },
      {
        recentDays: 3,
        weekDays: 7,
        todayDays: 1,
        stories: 1,
        sentencesPerStory: 2,
        maxArticles: 100,
      },
    );
    expect(first.stories.map((s) => s.headline)).toEqual(['Volcano erupts on Iceland peninsula']);
    expect(first.answer.answer).toContain('(1 article: RÚV; 2026-12-01)');
    // Only the volcano is dated in the window: "more" has nothing else recent to add.
    const more = await briefNews(seeded.store, now, {
      question: 'q',
      topic: null,
      days: 3,
      shown: first.shown,
    });
    expect(more.stories).toEqual([]);
    expect(more.answer.answer).toMatch(/^That's all I have: no more stories/);
    seeded.close();
  });

  it('narrows to a topic, and says plainly when nothing is about it', async () => {
    const seeded = await seededAt('2026-12-02T09:00:00.000Z', [VOLCANO, CHESS]);
    const now = seeded.clock.now();
    const chess = await briefNews(seeded.store, now, { question: 'q', topic: 'chess', days: 3, shown: [] });
    expect(chess.stories.map((s) => s.headline)).toEqual(['Teenager wins the world rapid chess title']);
    expect(chess.answer.answer).toMatch(/^Nothing I have about “chess” is dated in the last 3 days/);
    const none = await briefNews(seeded.store, now, { question: 'q', topic: 'cricket', days: 3, shown: [] });
    expect(none.answer).toMatchObject({ abstained: true, answer: 'I have no articles about “cricket”.' });
    seeded.close();
  });
});
