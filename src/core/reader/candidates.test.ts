/**
 * Candidate sentences as the gate sees them: a question that cites its source ("In that Gazette
 * piece…") is about what the piece says, so the words that cite it count in every sentence of an
 * article from that source, and in none of another's.
 */
import { describe, expect, it } from 'vitest';
import { createSqliteArticleStore, openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { askOver } from '../../test-support/ask-over.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import type { ArticleDraft } from '../article.js';
import { emptyIngestReport, ingestDrafts } from '../ingest-articles.js';
import { understandQuestion } from '../query.js';
import { retrievePassages, termWeights } from '../retrieve-passages.js';
import { tokenize } from '../text/tokenize.js';
import { DEFAULT_ANSWER } from '../tuning.js';
import { type Candidate, candidateSentences, isStatement } from './candidates.js';
import { citedSourceOf, keyNamesOf } from './key-names.js';

const NOW = '2026-12-01T09:00:00.000Z';

function draft(origin: string, source: string, title: string, text: string): ArticleDraft {
  return { origin, title, source, url: null, publishedAt: '2025-05-02T00:00:00.000Z', text };
}

const COLUMN = draft(
  'column.txt',
  'Harbour Gazette',
  'I tried to live without my phone',
  [
    'For years my phone has decided how I spend my evenings.',
    'Last month I ran a simple ten-day tasting test of life without it, keeping a notebook instead.',
    'My sister thought I would give up by the weekend.',
  ].join('\n'),
);
const OTHER = draft(
  'other.txt',
  'Valley Courier',
  'Phones at the dinner table',
  [
    'A survey of 400 families found that most keep phones at the dinner table.',
    'One family ran a tasting test of recipes every Friday for a month.',
  ].join('\n'),
);

async function storeOver(drafts: ArticleDraft[]) {
  const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
  const clock = fixedClock(NOW);
  await store.inTransaction((tx) => ingestDrafts(tx, clock, drafts, emptyIngestReport()));
  return { store, clock };
}

function briefingOver(drafts: ArticleDraft[]) {
  return askOver(drafts, NOW);
}

describe('candidateSentences with a cited source', () => {
  const ask = briefingOver([COLUMN, OTHER]);

  it("answers from the cited outlet's article although its sentence never names the outlet", async () => {
    const answer = await ask('In that Harbour Gazette piece, how long did the tasting test last?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toContain('ten-day tasting test');
  });

  it('lends the citing words to the sentences of the cited outlet only', async () => {
    const { store, clock } = await storeOver([COLUMN, OTHER]);
    const query = understandQuestion(
      'In that Harbour Gazette piece, what did the tasting test show?',
      clock.now(),
    );
    const weights = await termWeights(store, query);
    const ranked = await retrievePassages(store, query, weights, 12);
    const cited = citedSourceOf(query.text, keyNamesOf(query.text));
    const coverageOf = (c: Candidate[], text: string) => c.find((x) => x.quote.includes(text))?.ownCoverage;
    const plain = candidateSentences(query, ranked, weights);
    const citing = candidateSentences(query, ranked, weights, DEFAULT_ANSWER, cited);
    expect(coverageOf(citing, 'ten-day')).toBeGreaterThan(coverageOf(plain, 'ten-day') ?? 1);
    expect(coverageOf(citing, 'every Friday')).toBe(coverageOf(plain, 'every Friday'));
  });
});

describe('citedSourceOf', () => {
  it('takes the words of the phrase citing the source, and nothing when none is cited', () => {
    const question = 'Why does the Gazette writer say he gave up?';
    expect([...(citedSourceOf(question, keyNamesOf(question))?.terms ?? [])]).toEqual(
      tokenize('Gazette writer say'),
    );
    expect(citedSourceOf('Why did Osei give up?', keyNamesOf('Why did Osei give up?'))).toBeNull();
  });
});

describe('a question about what an acronym stands for', () => {
  const GARDEN = draft(
    'garden.txt',
    'Valley Courier',
    'Five habits of gardeners who never lose a seedling',
    [
      'Most gardeners lose a tray of seedlings every spring, and most of them blame the weather.',
      'The growers we spoke to follow the "TIDE" rule when they plant out in the garden or a greenhouse. They check that the soil is Tilled, Irrigated, Drained and Even before a single seedling goes in.',
      'Several of them also keep a notebook of every planting.',
    ].join('\n'),
  );
  const ask = briefingOver([GARDEN, OTHER]);

  it('quotes the sentence that spells it out, not the one that only mentions it', async () => {
    const answer = await ask('What does the TIDE rule for planting stand for?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toContain('Tilled, Irrigated, Drained and Even');
  });
});

describe('isStatement', () => {
  it('takes a line written as a sentence without its closing stop, as release notes write them', () => {
    expect(
      isStatement('Thanks to Ana, readers can now export their reading lists from Quill into Pagemark'),
    ).toBe(true);
  });

  it('leaves out headings, short fragments and questions', () => {
    expect(isStatement('How to Grow Tomatoes on a Small City Balcony Without a Garden')).toBe(false);
    expect(isStatement('Where the new tram line will run')).toBe(false);
    expect(isStatement('Can the town afford a second bridge over the river?')).toBe(false);
    expect(isStatement('Here are the steps the council takes before a bridge is built:')).toBe(false);
  });

  it('leaves out links to other stories printed between paragraphs', () => {
    expect(isStatement('BIG WEEKEND:Harbour town celebrates the opening of its new bridge')).toBe(false);
    expect(isStatement('From 2019:Council plans a second bridge across the river at last')).toBe(false);
  });
});
