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

  it('takes no identity from a url that is not an absolute http(s) URL, and says so', () => {
    const parsed = parseJsonArticles(
      'evil.json',
      JSON.stringify([
        record('Planted', { url: 'seeds/003_69048bb62558f665.txt' }),
        record('Odd', { link: 'javascript:x' }),
      ]),
      false,
    );
    expect(parsed.drafts.map((d) => [d.origin, d.url])).toEqual([
      [expect.stringMatching(/^evil\.json#[0-9a-f]{12}$/), null],
      [expect.stringMatching(/^evil\.json#[0-9a-f]{12}$/), null],
    ]);
    expect(parsed.warnings).toEqual([
      {
        origin: 'evil.json (record 1)',
        warning:
          'url "seeds/003_69048bb62558f665.txt" is not an absolute http(s) URL: ignored, the record is named by its file',
      },
      {
        origin: 'evil.json (record 2)',
        warning: expect.stringMatching(/^url "javascript:x" is not an absolute/),
      },
    ]);
  });
});

describe('parseJsonArticles for common exports', () => {
  const TEXT = 'The council met on Tuesday and voted on the transit budget after a long debate.';
  const parse = (value: unknown) => parseJsonArticles('export.json', JSON.stringify(value), false);

  it('reads a NewsAPI response: its articles, source objects, camelCase dates and cut content', () => {
    const { drafts, failures } = parse({
      status: 'ok',
      totalResults: 2,
      articles: [
        {
          source: { id: 'cnn', name: 'CNN' },
          title: 'Budget passes',
          url: 'https://cnn.example/budget',
          publishedAt: '2026-03-01T10:00:00Z',
          description: 'A short teaser.',
          content: `${TEXT} The mayor… [+2345 chars]`,
        },
        {
          source: { id: null, name: 'The Daily' },
          title: 'Mayor resigns',
          url: 'https://daily.example/mayor',
          publishedAt: '2026-03-02T08:30:00Z',
          description: TEXT,
          content: null,
        },
      ],
    });
    expect(failures).toEqual([]);
    expect(drafts.map((d) => [d.origin, d.source, d.publishedAt, d.text])).toEqual([
      ['https://cnn.example/budget', 'CNN', '2026-03-01T10:00:00.000Z', `${TEXT} The mayor…`],
      ['https://daily.example/mayor', 'The Daily', '2026-03-02T08:30:00.000Z', TEXT],
    ]);
  });

  it('reads epoch-number dates in seconds or milliseconds, and no date from an impossible one', () => {
    const { drafts } = parse([
      record('Seconds', { date: undefined, published_at: 1_780_308_000 }),
      record('Millis', { date: undefined, published_at: 1_780_308_000_250 }),
      record('Out of range', { date: undefined, published_at: 1e20 }),
    ]);
    expect(drafts.map((d) => d.publishedAt)).toEqual([
      '2026-06-01T10:00:00.000Z',
      '2026-06-01T10:00:00.250Z',
      null,
    ]);
  });

  it('takes the records of an {"items": [...]} wrapper as it takes a bare array', () => {
    const records = [record('Budget passes'), record('Mayor resigns')];
    const wrapped = parse({ items: records }).drafts;
    expect(wrapped.map((d) => d.title)).toEqual(['Budget passes', 'Mayor resigns']);
    expect(wrapped).toEqual(parse(records).drafts);
  });

  it('still reports records without text, or with fields it cannot read, saying which', () => {
    const { drafts, failures } = parse({
      articles: [
        { title: 'No text here', content: null },
        'just a string',
        record('Bad source', { source: 42 }),
        record('Bad date', { date: true }),
        record('Bad text', { text: ['a', 'b'] }),
      ],
    });
    expect(drafts).toEqual([]);
    expect(failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/record: needs a "text", "body" or "content" string/),
      expect.stringMatching(/record: must be an object/),
      expect.stringMatching(/source: must be a name or an object with a "name"/),
      expect.stringMatching(/date: must be a date string or an epoch number/),
      expect.stringMatching(/text: must be a string/),
    ]);
  });
});

describe('parseJsonArticles errors', () => {
  it('says in one line why a file is no JSON, whatever line breaks its start holds', () => {
    for (const raw of ['%PDF-1.7\n\u0001\u0001', 'Title\n\nThe harbour reopened.']) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that no control character is echoed
      expect(() => parseJsonArticles('x.json', raw, false)).toThrow(/^invalid JSON: [^\n\r\u0001]*$/);
    }
  });
});
