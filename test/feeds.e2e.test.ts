/**
 * End-to-end tests of `brief feeds ...` through runCli against a local feed server: the stable JSON
 * shapes of issue 17 (outside checks read them), conditional polls, and bad input refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, pageHtml, startFeedServer } from '../src/feeds/testing/feed-server.js';
import { runCli } from '../src/main.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

async function brief(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const code = await runCli(args, {
    env: { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error', ...env },
    stdout,
    stderr,
    stdin,
    cwd: PROJECT_ROOT,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const FEED_KEYS = [
  'url',
  'title',
  'every',
  'lastPolledAt',
  'nextPollAt',
  'lastStatus',
  'lastError',
  'failures',
  'disabled',
  'articles',
];

describe('brief feeds', () => {
  let server: FeedServer;
  let dataDir: string;
  beforeAll(async () => {
    server = await startFeedServer();
    dataDir = mkdtempSync(join(tmpdir(), 'brief-feeds-'));
    const items = ['a', 'b'].map(
      (n) => `<item><title>Story ${n}</title><link>${server.base}/story/${n}</link></item>`,
    );
    server.routes.set('/news.xml', {
      validators: true,
      body: `<rss version="2.0"><channel><title>Metro News</title>${items.join('')}</channel></rss>`,
    });
    for (const n of ['a', 'b'])
      server.routes.set(`/story/${n}`, { type: 'text/html', body: pageHtml(`Story ${n}`) });
  });
  afterAll(() => server.close());

  it('adds, lists, polls (then a 304) and removes feeds in the stable shapes', async () => {
    const url = `${server.base}/news.xml`;
    const added = await brief(['feeds', 'add', url, '--every', '1h', '--json'], dataDir);
    expect(added.code).toBe(0);
    const addJson = JSON.parse(added.stdout);
    expect(Object.keys(addJson)).toEqual(['feeds']);
    expect(Object.keys(addJson.feeds[0])).toEqual(FEED_KEYS);
    expect(addJson.feeds[0]).toEqual({
      url,
      title: null,
      every: '1h',
      lastPolledAt: null,
      nextPollAt: null,
      lastStatus: null,
      lastError: null,
      failures: 0,
      disabled: false,
      articles: 0,
    });

    const polled = JSON.parse((await brief(['feeds', 'poll', '--json'], dataDir)).stdout);
    expect(polled.feeds).toEqual([
      { url, status: 'updated', added: 2, updated: 0, error: null, fallbacks: [] },
    ]);
    const again = JSON.parse((await brief(['feeds', 'poll', '--json'], dataDir)).stdout);
    expect(again.feeds[0]).toMatchObject({ url, status: 'not-modified', added: 0, updated: 0, error: null });
    expect(server.countOf('/story/a')).toBe(1);

    const listed = JSON.parse((await brief(['feeds', 'list', '--json'], dataDir)).stdout);
    expect(listed.feeds[0]).toMatchObject({
      url,
      title: 'Metro News',
      every: '1h',
      lastStatus: 'not-modified',
      articles: 2,
    });
    expect(Date.parse(listed.feeds[0].nextPollAt)).toBeGreaterThan(Date.parse(listed.feeds[0].lastPolledAt));

    const search = JSON.parse((await brief(['search', 'transport budget', '--json'], dataDir)).stdout);
    expect(search.results.map((r: { url: string }) => r.url)).toContain(`${server.base}/story/a`);

    const removed = await brief(['feeds', 'remove', url, 'https://never.example/rss', '--json'], dataDir);
    expect(JSON.parse(removed.stdout)).toEqual({ removed: 1 });
    expect(JSON.parse((await brief(['feeds', 'list', '--json'], dataDir)).stdout)).toEqual({ feeds: [] });
  });

  it('adds the feeds of BRIEF_FEEDS with BRIEF_FEED_EVERY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-feeds-'));
    const env = { BRIEF_FEEDS: `${server.base}/news.xml, ${server.base}/other.xml`, BRIEF_FEED_EVERY: '30m' };
    const listed = JSON.parse((await brief(['feeds', 'list', '--json'], dir, env)).stdout);
    expect(listed.feeds.map((f: { url: string; every: string }) => [f.url, f.every])).toEqual([
      [`${server.base}/news.xml`, '30m'],
      [`${server.base}/other.xml`, '30m'],
    ]);
  });

  it('refuses a URL that is no feed URL, an interval out of range, and an unknown action', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-feeds-'));
    const cases: [string[], RegExp][] = [
      [['feeds', 'add', 'ftp://x.example/rss'], /is not an http\(s\) URL of a feed/],
      [['feeds', 'add', `${server.base}/news.xml`, '--every', '1m'], /--every must be from 5m to 24h/],
      [['feeds', 'add', `${server.base}/news.xml`, '--every', 'soon'], /--every must be a duration/],
      [['feeds', 'sync'], /feeds needs add, list, remove or poll/],
      [['feeds', 'list', '--every', '1h'], /--every applies to feeds add only/],
    ];
    for (const [args, message] of cases) {
      const run = await brief([...args, '--json'], dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(JSON.parse(run.stdout).error).toMatch(message);
    }
    expect(JSON.parse((await brief(['feeds', 'list', '--json'], dir)).stdout)).toEqual({ feeds: [] });
  });
});
