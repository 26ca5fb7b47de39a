import { afterEach, describe, expect, it } from 'vitest';
import { parseFeed } from './feed.js';
import { parseHtmlArticle } from './html-article.js';
import { parseJsonArticles } from './json-articles.js';
import { parseDate } from './parse-date.js';
import { parseTextArticle } from './text-article.js';

// The expectations are fixed instants; the process runs in zones far from UTC, where reading a
// zone-less date in local time gives another instant.
const ZONES = ['America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati'];
const originalZone = process.env.TZ;
const inZone = (zone: string) => {
  process.env.TZ = zone;
  // Guards the test itself: were the zone not applied, a local-time reading would pass unnoticed.
  expect(new Date(2026, 11, 1).getTimezoneOffset(), zone).not.toBe(0);
};
afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

const BODY = 'The council approved the new budget on Tuesday after a long debate about transit funding.';

describe('parseDate', () => {
  it('reads dates without a zone as UTC, whatever the zone of the machine', () => {
    const cases: [string, string][] = [
      ['2026-12-01 10:00', '2026-12-01T10:00:00.000Z'],
      ['2026-12-01T10:00:00', '2026-12-01T10:00:00.000Z'],
      ['2026-12-01T10:00:00.250', '2026-12-01T10:00:00.250Z'],
      ['2026/12/01 10:00', '2026-12-01T10:00:00.000Z'],
      ['December 1, 2026', '2026-12-01T00:00:00.000Z'],
      ['1 December 2026 10:00', '2026-12-01T10:00:00.000Z'],
      ['Dec 1 2026 10:00 PM', '2026-12-01T22:00:00.000Z'],
      ['12/01/2026', '2026-12-01T00:00:00.000Z'],
      ['Tue, 01 Dec 2026 10:00:00', '2026-12-01T10:00:00.000Z'],
      ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ];
    for (const zone of ZONES) {
      inZone(zone);
      for (const [input, iso] of cases) expect(parseDate(input), `${input} in ${zone}`).toBe(iso);
    }
  });

  it('keeps the zone a date names', () => {
    const cases: [string, string][] = [
      ['2026-12-01T10:00:00Z', '2026-12-01T10:00:00.000Z'],
      ['2026-12-01T10:00:00-05:00', '2026-12-01T15:00:00.000Z'],
      ['2026-12-01 10:00:00 +0100', '2026-12-01T09:00:00.000Z'],
      ['Tue, 01 Dec 2026 10:00:00 GMT', '2026-12-01T10:00:00.000Z'],
      ['Tue, 01 Dec 2026 10:00:00 EST', '2026-12-01T15:00:00.000Z'],
      ['May 7, 2024 8:00 AM PDT', '2024-05-07T15:00:00.000Z'],
    ];
    for (const zone of ZONES) {
      inZone(zone);
      for (const [input, iso] of cases) expect(parseDate(input), `${input} in ${zone}`).toBe(iso);
    }
  });

  it('gives null for what is not a plausible date', () => {
    for (const input of ['soon', '', '1850-01-01', 'Tue, 01 Dec 2026 10:00:00 XYZ']) {
      expect(parseDate(input), input).toBeNull();
    }
  });

  it('reads a zone-less date as UTC in front matter, JSON, HTML metadata and feeds alike', () => {
    inZone('America/New_York');
    const date = '2026-12-01 10:00';
    const markdown = parseTextArticle('a.md', `---\ntitle: Budget\ndate: ${date}\n---\n${BODY}`);
    const json = parseJsonArticles('a.json', JSON.stringify({ title: 'Budget', date, text: BODY }), false);
    const html = parseHtmlArticle(
      'a.html',
      `<html><head><title>Budget</title><meta property="article:published_time" content="${date}"></head>
      <body><article><p>${BODY}</p><p>${BODY}</p><p>${BODY}</p></article></body></html>`,
    );
    const feed = parseFeed(
      `<rss><channel><item><title>Budget</title><pubDate>${date}</pubDate></item></channel></rss>`,
      'https://n.example/rss',
    );
    expect([
      markdown.publishedAt,
      json.drafts[0]?.publishedAt,
      html.publishedAt,
      feed.entries[0]?.publishedAt,
    ]).toEqual(Array(4).fill('2026-12-01T10:00:00.000Z'));
  });
});
