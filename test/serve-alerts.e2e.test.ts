/**
 * `brief serve` posts story alerts on its own: an alert added with `brief alerts add`, three feeds
 * reporting one story, and the feed pass at start followed by the alert check: one Slack post (through
 * the real Bolt client to the fake Slack) listing the three outlets, not one per outlet.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { TARIFF_STORY } from '../src/core/alerts/testing/alert-fixtures.js';
import { type FeedServer, startFeedServer } from '../src/feeds/testing/feed-server.js';
import { runCli } from '../src/main.js';
import { freePort } from '../src/test-support/free-port.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

const io = (shutdown?: Promise<void>) => ({
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  stdin: new PassThrough(),
  cwd: PROJECT_ROOT,
  ...(shutdown ? { shutdown } : {}),
});

const FEEDS = ['wire', 'daily', 'tech'];

describe('brief serve with story alerts', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
    // Each feed carries one outlet's report; its page is gone, so the feed's summary is its text.
    TARIFF_STORY.forEach((story, i) => {
      const name = FEEDS[i] as string;
      feeds.routes.set(`/${name}.xml`, {
        body: `<rss version="2.0"><channel><title>${story.source}</title>
          <item><title>${story.title}</title><link>${feeds.base}/${name}/nexperia</link>
          <description>${story.text}</description></item></channel></rss>`,
      });
    });
  });
  afterAll(() => feeds.close());

  it('posts a story three feeds report once, after the first feed pass, beside Slack', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'brief-serve-alerts-'));
    const base = { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error' };
    expect(await runCli(['alerts', 'add', 'Nexperia', '--channel', 'C0ALERTS'], { env: base, ...io() })).toBe(
      0,
    );
    const slack = await startFakeSlack();
    const env = {
      ...base,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      BRIEF_FEEDS: FEEDS.map((f) => `${feeds.base}/${f}.xml`).join(','),
    };
    let stop!: () => void;
    const shutdown = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const alertPosts = () =>
      slack.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'briefbot_alert',
      );
    const running = runCli(['serve'], { env, ...io(shutdown) });
    for (let i = 0; i < 600 && alertPosts().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    stop();
    expect(await running).toBe(0);
    await slack.close();
    const posts = alertPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe('C0ALERTS');
    const text = JSON.stringify(posts[0]?.args.blocks);
    expect(text).toContain('New story on “Nexperia”');
    for (const story of TARIFF_STORY) expect(text).toContain(story.title);
    expect(FEEDS.map((f) => feeds.countOf(`/${f}.xml`))).toEqual([1, 1, 1]);
  });
});
