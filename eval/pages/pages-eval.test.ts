/**
 * The saved-pages harness end to end over two small pages written here: served on 127.0.0.1, ingested
 * by URL, asked, scored (answer stated and right page cited, abstentions, quotes verbatim).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageQuestion, type PageSet, partOf } from './dataset.js';
import { normaliseAnswer, statesExpected } from './match.js';
import { runPagesEval } from './run-pages-eval.js';
import { summarise } from './summary.js';

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title><meta name="date" content="2019-05-02"></head><body><article><h1>${title}</h1>${body
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;

const MILL = page(
  'Riverside paper mill to close in spring',
  `The Riverside paper mill in Oakdale will close in March, its owner Harlow Paper said on Tuesday.
The mill has made newsprint on the banks of the Tamsin river since 1921, and for most of that century it was the largest employer in the county by a wide margin.
Harlow Paper blamed falling demand for newsprint and the cost of energy, which has doubled in two years.`,
);
const BAKERY = page(
  'A bakery that bakes only at night',
  `Mina Osei opened her bakery on Quay Street four years ago, after a decade as a nurse on night shifts.
She bakes from ten in the evening until six in the morning, and sells out by noon most days of the week.
Her rye sourdough, proofed for eighteen hours, is what the regulars queue for.`,
);

const question = (over: Partial<PageQuestion> & Pick<PageQuestion, 'id' | 'question'>): PageQuestion => ({
  kind: 'description',
  pages: [],
  any: [],
  answerable: true,
  near: null,
  part: 'tuning',
  ...over,
});

let dir: string;
let set: PageSet;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pages-eval-test-'));
  await writeFile(join(dir, 'mill.html'), MILL);
  await writeFile(join(dir, 'bakery.html'), BAKERY);
  set = {
    pages: new Map([
      ['mill', join(dir, 'mill.html')],
      ['bakery', join(dir, 'bakery.html')],
    ]),
    questions: [
      question({
        id: 'a1',
        question: 'Which owner said the Riverside paper mill in Oakdale will close in March?',
        kind: 'organisation',
        pages: ['mill'],
        any: ['Harlow Paper'],
      }),
      // Stated, but the expected page is the other one: not cited, so not correct.
      question({
        id: 'a2',
        question: 'Which owner said the Riverside paper mill in Oakdale will close in March?',
        kind: 'organisation',
        pages: ['bakery'],
        any: ['Harlow Paper'],
      }),
      question({
        id: 'u1',
        question: 'Who won the 2022 World Cup final?',
        kind: 'name',
        answerable: false,
        part: 'reported',
      }),
    ],
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the saved-pages evaluation', () => {
  it('ingests the pages by URL and scores answers by statement, citation and abstention', async () => {
    const run = await runPagesEval(set);
    expect(run.ingest).toEqual({ pages: 2, stored: 2, failed: [] });
    const byId = new Map(run.records.map((r) => [r.id, r]));
    expect(byId.get('a1')).toMatchObject({ ok: true, stated: true, cited: true, citedPages: ['mill'] });
    expect(byId.get('a2')).toMatchObject({ ok: false, stated: true, cited: false });
    expect(byId.get('u1')).toMatchObject({ ok: true, abstained: true });
    expect(run.records.every((r) => r.invalidQuotes === 0)).toBe(true);
    expect(summarise(run.records, 'tuning')).toMatchObject({
      answerable: 2,
      correctAndCited: 0.5,
      citationValidity: 1,
    });
    expect(summarise(run.records, 'reported')).toMatchObject({ unanswerable: 1, abstention: 1 });
  }, 30_000);
});

describe('answer matching', () => {
  it('reads curly apostrophes, diacritics, entities and thousands separators as the data writes them', () => {
    expect(statesExpected('It’s called Aotearoa by Maori.', ['Māori'])).toBe(true);
    expect(statesExpected('Doesn&#8217;t matter', ["doesn't"])).toBe(true);
    expect(statesExpected('about 10,000 tasks', ['10000'])).toBe(true);
    expect(statesExpected('five minutes', ['seven'])).toBe(false);
    expect(normaliseAnswer('  A\u00a0 B ')).toBe('a b');
  });
});

describe('the split by page', () => {
  it('puts a page in one part for good, whatever else the set holds', () => {
    expect(partOf('aclu')).toBe(partOf('aclu'));
    const parts = ['aclu', 'bbc-1', 'guardian-1', 'lwn-1', 'mill', 'bakery'].map(partOf);
    expect(new Set(parts)).toEqual(new Set(['tuning', 'reported']));
  });
});
