import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock, FeedSubscription } from '../core/ports.js';
import { createHtmlReader } from '../ingest/html-reader.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { createSqliteFeedStore } from '../store/sqlite/sqlite-feed-store.js';
import { disabledFeedNotice } from './feed-chat-commands.js';
import { createHostLimiter } from './host-limiter.js';
import type { PollDeps } from './poll-feed.js';
import { pollFeeds } from './poll-feeds.js';
import { type FeedServer, startFeedServer } from './testing/feed-server.js';

describe('pollFeeds', () => {
  let server: FeedServer;
  const html = createHtmlReader();
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(async () => {
    await html.close();
    await server.close();
  });

  it('tells whoever added a feed when a week of failures disables it, once', async () => {
    const db = openSqliteDatabase(':memory:');
    const now = Date.parse('2026-12-10T10:00:00.000Z');
    const clock: Clock = { now: () => new Date(now) };
    const deps: PollDeps = {
      feeds: createSqliteFeedStore(db),
      articles: createSqliteArticleStore(db),
      clock,
      html,
      owner: 'me',
      http: { fetch, timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 5, limiter: createHostLimiter(2) },
    };
    const url = `${server.base}/gone.xml`;
    await deps.feeds.add([{ url, everyMs: 900_000, addedBy: 'slack:T1:C1:U1' }], clock.now().toISOString());
    // Failing since eight days ago, five times so far.
    await deps.feeds.claim(url, 'me', 60_000, clock.now().toISOString());
    await deps.feeds.recordPoll(
      url,
      'me',
      {
        status: 'failed',
        error: 'could not fetch: HTTP 404',
        nextPollAt: clock.now().toISOString(),
        failures: 5,
        failingSince: new Date(now - 8 * 86_400_000).toISOString(),
        disabled: false,
        entries: [],
      },
      clock.now().toISOString(),
    );
    const told: string[] = [];
    const onDisabled = async (feed: FeedSubscription, result: { error: string | null }) => {
      told.push(disabledFeedNotice(feed, result.error));
    };
    const [result] = await pollFeeds(deps, { force: false, onDisabled });
    expect(result).toMatchObject({ status: 'failed', disabled: true });
    expect(told).toEqual([disabledFeedNotice({ url } as FeedSubscription, 'could not fetch: HTTP 404')]);
    expect(await pollFeeds(deps, { force: true, onDisabled })).toEqual([]);
    expect(told).toHaveLength(1);
    db.close();
  });
});
