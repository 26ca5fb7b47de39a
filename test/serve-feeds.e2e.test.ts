/**
 * `brief serve` polls feeds on its own: the feeds of BRIEF_FEEDS are added and polled at start, beside
 * the chat adapter or the console chat, and their articles are found by the next command.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { type FeedServer, pageHtml, startFeedServer } from '../src/feeds/testing/feed-server.js';
import { runCli } from '../src/main.js';
import { freePort } from '../src/test-support/free-port.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

const io = (extra: { shutdown?: Promise<void>; stdout?: PassThrough; stdin?: PassThrough } = {}) => ({
  stdout: extra.stdout ?? new PassThrough(),
  stderr: new PassThrough(),
  stdin: extra.stdin ?? new PassThrough(),
  cwd: PROJECT_ROOT,
  ...(extra.shutdown ? { shutdown: extra.shutdown } : {}),
});

async function expectWirePolled(dataDir: string) {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  const env = { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error' };
  expect(await runCli(['feeds', 'list', '--json'], { env, ...io({ stdout: out }) })).toBe(0);
  expect(JSON.parse(chunks.join('')).feeds).toEqual([
    expect.objectContaining({
      url: expect.stringMatching(/\/wire\.xml$/),
      title: 'Wire',
      lastStatus: 'updated',
      articles: 1,
      every: '15m',
    }),
  ]);
}

const untilFetched = async (server: FeedServer, path: string) => {
  for (let i = 0; i < 400 && server.countOf(path) === 0; i++) await new Promise((r) => setTimeout(r, 25));
};

describe('brief serve with feeds', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.routes.set('/wire.xml', {
      body: `<rss version="2.0"><channel><title>Wire</title>
        <item><title>Harbour bridge reopens</title><link>${feeds.base}/bridge</link></item></channel></rss>`,
    });
    feeds.routes.set('/bridge', { type: 'text/html', body: pageHtml('Harbour bridge reopens') });
  });
  afterAll(() => feeds.close());

  it('adds BRIEF_FEEDS and polls them at start, beside Slack', async () => {
    const slack = await startFakeSlack();
    const dataDir = mkdtempSync(join(tmpdir(), 'brief-serve-feeds-'));
    const env = {
      BRIEF_DATA_DIR: dataDir,
      BRIEF_LOG_LEVEL: 'error',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      BRIEF_FEEDS: `${feeds.base}/wire.xml`,
    };
    let stop!: () => void;
    const shutdown = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = runCli(['serve'], { env, ...io({ shutdown }) });
    await untilFetched(feeds, '/bridge');
    stop();
    expect(await running).toBe(0);
    await slack.close();
    await expectWirePolled(dataDir);
    expect(feeds.countOf('/wire.xml')).toBe(1);
  });

  it('polls them beside the console chat when no chat token is set, and answers from them', async () => {
    const before = feeds.countOf('/bridge');
    const dataDir = mkdtempSync(join(tmpdir(), 'brief-serve-console-feeds-'));
    const env = { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error', BRIEF_FEEDS: `${feeds.base}/wire.xml` };
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const stdout = new PassThrough();
    const said: string[] = [];
    stdout.on('data', (c) => said.push(String(c)));
    const running = runCli(['serve'], { env, ...io({ stdin, stdout }) });
    for (let i = 0; i < 400 && feeds.countOf('/bridge') === before; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(feeds.countOf('/bridge')).toBe(before + 1);
    // Leaving the console waits for the poll in progress, which stores the article.
    stdin.end();
    expect(await running).toBe(0);
    await expectWirePolled(dataDir);
    const search = new PassThrough();
    const found: string[] = [];
    search.on('data', (c) => found.push(String(c)));
    expect(
      await runCli(['search', 'harbour bridge reopens', '--json'], { env, ...io({ stdout: search }) }),
    ).toBe(0);
    expect(found.join('')).toContain('Harbour bridge reopens');
  });
});
