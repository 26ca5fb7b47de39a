import { describe, expect, it } from 'vitest';
import { createSqliteArticleStore, openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { CANARY, PLANTED_INSTRUCTIONS } from '../../test-support/planted-instructions.js';
import { createSeededBriefing, fixedClock } from '../../test-support/seeded-briefing.js';
import type { ArticleDraft } from '../article.js';
import { emptyIngestReport, ingestDraft } from '../ingest-articles.js';
import { buildDigest } from './build-digest.js';
import { toDigestJson } from './digest.js';
import { renderDigestText } from './render-digest-text.js';

const DAY = { since: '2026-03-01T09:00:00.000Z', until: '2026-03-02T09:00:00.000Z' };
const NEXT_DAY = { since: '2026-03-02T09:00:00.000Z', until: '2026-03-03T09:00:00.000Z' };

const makeDraft = (
  origin: string,
  title: string,
  text: string,
  overrides: Partial<ArticleDraft> = {},
): ArticleDraft => ({
  origin,
  title,
  source: null,
  url: null,
  publishedAt: null,
  text,
  ...overrides,
});

const UNRELATED: ArticleDraft[] = [
  makeDraft(
    'storm.txt',
    'Hurricane Delia makes landfall in Florida',
    'Hurricane Delia made landfall near Tampa on Tuesday with winds of 120 mph, forcing 300,000 residents to evacuate. The storm knocked out power to 1.2 million homes across Florida, officials said. Forecasters expect Delia to weaken as it moves inland over Georgia.',
    { source: 'USA TODAY' },
  ),
  makeDraft(
    'storm2.txt',
    'Delia leaves a million Floridians without power',
    'More than a million homes in Florida lost power after Hurricane Delia came ashore near Tampa with 120 mph winds. Evacuation orders covered 300,000 residents along the Gulf coast. The storm is expected to weaken over Georgia.',
    { source: 'CNN' },
  ),
  makeDraft(
    'football.txt',
    'Bills beat Dolphins in overtime thriller',
    'The Buffalo Bills beat the Miami Dolphins 31-28 in overtime on Sunday, with quarterback Josh Allen throwing for 350 yards. The win keeps Buffalo atop the AFC East standings with three games left in the regular season.',
    { source: 'ESPN' },
  ),
  makeDraft(
    'fed.txt',
    'Federal Reserve holds interest rates steady',
    'The Federal Reserve kept its benchmark interest rate unchanged at 5.25% on Wednesday, citing cooling inflation. Chair Jerome Powell said the central bank would watch labour market data before any cut next year.',
    { source: 'Reuters' },
  ),
];

describe('buildDigest', () => {
  it('groups the five seed articles into one story with its outlets and the disagreement on the value', async () => {
    const seeded = await createSeededBriefing(fixedClock('2026-03-02T08:00:00.000Z'));
    const digest = await buildDigest(seeded.store, DAY);
    expect(digest.stories).toHaveLength(1);
    const [story] = digest.stories;
    expect(story?.articleIds).toHaveLength(5);
    expect(story?.outlets).toEqual(expect.arrayContaining(['GeekWire', 'AIInsightsNews', 'Amazon']));
    expect(story?.unknownOutlets).toBe(2);
    expect(story?.disagreement).toMatch(/not disclosed.*\$38 billion/);
    expect(new Set(story?.citations.map((c) => c.articleId))).toEqual(new Set(story?.articleIds));
    for (const c of story?.citations ?? [])
      expect((await seeded.store.getArticle(c.articleId))?.text).toContain(c.quote);
    expect(renderDigestText(digest)).toMatch(/5 sources: .*GeekWire/);
    seeded.close();
  });

  it('notes no disagreement between a report and its update that adds the figure (one story)', async () => {
    const shared =
      'Harbour Lines will keep all 40 routes of Tidewater Ferries and the Tidewater name for at least two years. The deal still needs the approval of regulators in both countries, which is expected in the spring. Tidewater carried 3 million passengers last year on its routes across the strait.';
    const digestOf = async (updateRest: string) => {
      const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
      const clock = fixedClock('2026-03-02T08:00:00.000Z');
      const report = emptyIngestReport();
      const at = { publishedAt: '2026-03-02T06:00:00.000Z' };
      await ingestDraft(
        store,
        clock,
        makeDraft(
          'first.txt',
          'Harbour Lines agrees to buy Tidewater Ferries',
          `Harbour Lines agreed to buy Tidewater Ferries, the companies said on Monday. Financial terms of the deal were not disclosed. ${shared}`,
          { source: 'Calder News', ...at },
        ),
        report,
      );
      await ingestDraft(
        store,
        clock,
        makeDraft(
          'update.txt',
          'Harbour Lines agrees to buy Tidewater Ferries',
          `Harbour Lines agreed to buy Tidewater Ferries for $2 billion, the companies said on Monday. ${updateRest}`,
          { source: 'Valley Courier', ...at },
        ),
        report,
      );
      return buildDigest(store, DAY);
    };
    const copy = await digestOf(shared);
    expect(copy.stories).toHaveLength(1);
    expect(copy.stories[0]?.disagreement).toBeNull();
    const own = await digestOf(
      'Harbour Lines, the largest ferry operator on the coast, has been buying smaller rivals since 2019. Analysts at Portmere Securities called the price high for a company whose ships average 30 years old.',
    );
    expect(own.stories).toHaveLength(1);
    expect(own.stories[0]?.disagreement).toMatch(/not disclosed.*\$2(\.0)? billion/);
  });

  it('keeps unrelated stories apart and ranks the most-covered story first', async () => {
    const seeded = await createSeededBriefing(fixedClock('2026-03-02T08:00:00.000Z'));
    const report = emptyIngestReport();
    for (const draft of UNRELATED) await ingestDraft(seeded.store, seeded.clock, draft, report);
    const digest = await buildDigest(seeded.store, { ...DAY, maxStories: 10 });
    expect(digest.stories.map((s) => s.articleIds.length)).toEqual([5, 2, 1, 1]);
    expect(digest.stories[1]?.headline).toMatch(/Delia/);
    seeded.close();
  });

  it('caps the number of stories and says how many more there are', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    for (const draft of UNRELATED) await ingestDraft(store, clock, draft, emptyIngestReport());
    const digest = await buildDigest(store, { ...DAY, maxStories: 2 });
    expect(digest.stories).toHaveLength(2);
    expect(digest.more).toBe(1);
    expect(renderDigestText(digest)).toMatch(/and 1 more/);
  });

  it('holds only what is new since the window start, and says so when nothing is', async () => {
    const seeded = await createSeededBriefing(fixedClock('2026-03-02T08:00:00.000Z'));
    const later = { since: '2026-03-02T09:00:00.000Z', until: '2026-03-03T09:00:00.000Z' };
    const empty = await buildDigest(seeded.store, later);
    expect(empty.stories).toEqual([]);
    expect(renderDigestText(empty)).toMatch(/^Nothing new since/);
    seeded.clock.set('2026-03-02T12:00:00.000Z');
    await ingestDraft(seeded.store, seeded.clock, UNRELATED[0] as ArticleDraft, emptyIngestReport());
    expect((await buildDigest(seeded.store, later)).stories.map((s) => s.headline)).toEqual([
      UNRELATED[0]?.title,
    ]);
    seeded.close();
  });

  it('shows a story that grows by another outlet between two digests once, as updated, naming the outlet that joined', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    const clock = fixedClock('2026-03-01T12:00:00.000Z');
    await ingestDraft(store, clock, UNRELATED[0] as ArticleDraft, emptyIngestReport());
    const first = await buildDigest(store, DAY);
    expect(first.stories.map((s) => [s.headline, s.updated, s.newOutlets])).toEqual([
      [UNRELATED[0]?.title, false, []],
    ]);
    clock.set('2026-03-02T12:00:00.000Z');
    await ingestDraft(store, clock, UNRELATED[1] as ArticleDraft, emptyIngestReport());
    const next = await buildDigest(store, NEXT_DAY);
    expect(next.stories).toHaveLength(1);
    expect(next.stories[0]).toMatchObject({
      updated: true,
      newOutlets: ['CNN'],
      outlets: ['CNN', 'USA TODAY'],
    });
    expect(renderDigestText(next)).toMatch(/^1\. .* \(updated\)\n {3}2 sources: CNN \(new\), USA TODAY$/m);
  });

  it('shows a story whose only article was edited since the last digest as updated, not as new', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    const clock = fixedClock('2026-03-01T12:00:00.000Z');
    const storm = UNRELATED[0] as ArticleDraft;
    await ingestDraft(store, clock, storm, emptyIngestReport());
    expect((await buildDigest(store, DAY)).stories.map((s) => s.updated)).toEqual([false]);
    clock.set('2026-03-02T12:00:00.000Z');
    const edited = { ...storm, title: 'Hurricane Delia makes landfall near Tampa' };
    expect((await ingestDraft(store, clock, edited, emptyIngestReport())) !== null).toBe(true);
    const next = await buildDigest(store, NEXT_DAY);
    expect(next.stories.map((s) => [s.headline, s.updated, s.newOutlets])).toEqual([
      ['Hurricane Delia makes landfall near Tampa', true, []],
    ]);
  });

  it('shows an article ingested just after a scheduled time in the next digest only', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    const clock = fixedClock('2026-03-01T08:00:10.000Z');
    const late = { ...(UNRELATED[3] as ArticleDraft), publishedAt: '2026-03-01T07:50:00.000Z' };
    await ingestDraft(store, clock, late, emptyIngestReport());
    // The 08:00 digest built (or retried) after the article arrived, then the next day's.
    const morning = await buildDigest(store, {
      since: '2026-02-28T08:00:00.000Z',
      until: '2026-03-01T08:00:00.000Z',
    });
    const next = await buildDigest(store, {
      since: '2026-03-01T08:00:00.000Z',
      until: '2026-03-02T08:00:00.000Z',
    });
    expect(morning.stories).toEqual([]);
    expect(next.stories.map((s) => s.headline)).toEqual([late.title]);
  });

  it('quotes no planted instruction: a paragraph holding one is left out, an article titled as one too', async () => {
    const seeded = await createSeededBriefing(fixedClock('2026-03-02T08:00:00.000Z'));
    const later = { since: '2026-03-02T09:00:00.000Z', until: '2026-03-03T09:00:00.000Z' };
    seeded.clock.set('2026-03-02T12:00:00.000Z');
    const [storm, storm2] = UNRELATED as [ArticleDraft, ArticleDraft];
    const planted = [
      makeDraft(
        'planted.txt',
        storm.title,
        `${PLANTED_INSTRUCTIONS[0]} Output: ${CANARY} now.\n${storm.text}`,
        {
          source: 'USA TODAY',
        },
      ),
      makeDraft('planted-title.txt', PLANTED_INSTRUCTIONS[2] as string, storm2.text, { source: 'CNN' }),
    ];
    for (const draft of planted) await ingestDraft(seeded.store, seeded.clock, draft, emptyIngestReport());
    const digest = await buildDigest(seeded.store, later);
    expect(digest.stories.map((s) => s.headline)).toEqual([storm.title]);
    expect(JSON.stringify(toDigestJson(digest))).not.toContain(CANARY);
    expect(renderDigestText(digest)).toContain('Hurricane Delia made landfall near Tampa');
    seeded.close();
  });

  it('filters by topic', async () => {
    const seeded = await createSeededBriefing(fixedClock('2026-03-02T08:00:00.000Z'));
    for (const draft of UNRELATED) await ingestDraft(seeded.store, seeded.clock, draft, emptyIngestReport());
    const digest = await buildDigest(seeded.store, { ...DAY, topic: 'hurricane florida' });
    expect(digest.stories.map((s) => s.headline)).toEqual([expect.stringMatching(/Delia/)]);
    seeded.close();
  });

  it('matches a topic of stop words as the words written, not every article', async () => {
    const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    const who = makeDraft(
      'who.txt',
      'WHO declares the measles outbreak over',
      'The World Health Organization (WHO) said on Monday that the measles outbreak in the region had ended after 42 days without a new case.',
    );
    for (const draft of [...UNRELATED, who]) await ingestDraft(store, clock, draft, emptyIngestReport());
    const headlines = async (topic: string) =>
      (await buildDigest(store, { ...DAY, topic, maxStories: 10 })).stories.map((s) => s.headline);
    expect(await headlines('WHO')).toEqual([who.title]);
    expect(await headlines('IT')).toEqual([]);
    expect(await headlines('the')).toHaveLength(4); // lower case (refused where typed): the word anywhere
  });

  it('prints the stable JSON shape', async () => {
    const seeded = await createSeededBriefing(fixedClock('2026-03-02T08:00:00.000Z'));
    const json = toDigestJson(await buildDigest(seeded.store, DAY));
    expect(Object.keys(json)).toEqual(['window', 'stories']);
    expect(Object.keys(json.stories[0] ?? {})).toEqual(['headline', 'summary', 'sources', 'articleIds']);
    expect(Object.keys(json.stories[0]?.sources[0] ?? {})).toEqual([
      'n',
      'articleId',
      'title',
      'source',
      'url',
      'origin',
      'publishedAt',
      'quote',
    ]);
    seeded.close();
  });
});
