import { describe, expect, it } from 'vitest';
import { parseJsonArticles } from './json-articles.js';

const record = (title: string, overrides: Record<string, unknown> = {}) => ({
  title,
  date: '2026-03-01',
  text: `${title}: the council met on Tuesday and voted on the transit budget after a long debate.`,
  ...overrides,
});
const origins = (records: unknown[]) =>
  parseJsonArticles('export.json', JSON.stringify(records), false).drafts.map((d) => d.origin);

describe('parseJsonArticles', () => {
  it('keeps the identity of records without url or id when a record is added at the top', () => {
    const before = origins([record('Budget passes'), record('Mayor resigns')]);
    const after = origins([record('Storm hits the coast'), record('Budget passes'), record('Mayor resigns')]);
    expect(new Set(before).size).toBe(2);
    expect(after.slice(1)).toEqual(before);
    expect(after[0]).not.toBe(before[0]);
    expect(before[0]).toMatch(/^export\.json#[0-9a-f]{12}$/);
  });

  it('keeps the identity when the text of a dated record is corrected', () => {
    const [first] = origins([record('Budget passes')]);
    const [corrected] = origins([
      record('Budget passes', { text: 'The council passed the budget on Tuesday after a long debate.' }),
    ]);
    expect(corrected).toBe(first);
  });

  it('tells apart records sharing a title and date, or without a date', () => {
    const shared = origins([
      record('Live updates', { text: 'Live updates: the first hour of the vote brought three amendments.' }),
      record('Live updates', { text: 'Live updates: the second hour of the vote brought the final tally.' }),
      record('Undated', { date: null }),
      record('Undated', { date: null, text: 'Undated: another text about the transit budget and the vote.' }),
    ]);
    expect(new Set(shared).size).toBe(4);
  });

  it('uses the url, else the id, when the record has one', () => {
    expect(origins([record('A', { url: 'https://news.example/a' }), record('B', { id: 7 })])).toEqual([
      'https://news.example/a',
      'export.json#7',
    ]);
  });
});
