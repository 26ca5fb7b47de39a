/**
 * @module adapters/slack/feed-commands.test
 * `/brief feeds add|list|remove` through the real Bolt app (HTTP mode) over the SQLite feed store; who
 * may change feeds follows DIGEST_SUBSCRIBERS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SubscribersPolicy } from '../../core/digest/subscribe-command.js';
import { createFeedChatCommands } from '../../feeds/feed-chat-commands.js';
import { createFeedService } from '../../feeds/feed-service.js';
import { createSqliteFeedStore } from '../../store/sqlite/sqlite-feed-store.js';
import { slackFeedCommands } from './feed-commands.js';
import { TEAM_ID } from './testing/fake-slack-server.js';
import { allText } from './testing/inspect.js';
import { type Harness, startHarness } from './testing/slack-harness.js';
import { CHANNEL, USER } from './testing/slack-payloads.js';

describe('Slack /brief feeds', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const start = (who: SubscribersPolicy) =>
    startHarness('http', {
      extraCommands: (seeded) => {
        const service = createFeedService({
          feeds: createSqliteFeedStore(seeded.db),
          clock: seeded.clock,
          defaultEveryMs: 15 * 60_000,
          pollDeps: () => {
            throw new Error('no polling in these tests');
          },
        });
        return slackFeedCommands({ commands: createFeedChatCommands({ service, who }), who });
      },
    });
  const run = async (text: string, user?: string) => {
    const { responseId } = await h.command(text, user);
    return (await h.fake.waitForResponse(`a reply on ${responseId}`, (r) => r.id === responseId)).body;
  };

  it('adds feeds (Slack-wrapped links and an interval), lists them and removes them', async () => {
    h = await start('anyone');
    const added = await run(
      'feeds add <https://a.example/rss|a.example/rss> https://b.example/atom every 1h',
    );
    expect(added.response_type).toBe('ephemeral');
    expect(allText(added)).toContain('Added 2 feeds; I poll them every 1h');
    const feeds = createSqliteFeedStore(h.seeded.db);
    expect((await feeds.list()).map((f) => [f.url, f.everyMs, f.addedBy])).toEqual([
      ['https://a.example/rss', 3_600_000, `slack:${TEAM_ID}:${CHANNEL}:${USER}`],
      ['https://b.example/atom', 3_600_000, `slack:${TEAM_ID}:${CHANNEL}:${USER}`],
    ]);
    expect(allText(await run('feeds list'))).toContain(
      'https://a.example/rss (every 1h, 0 articles; not polled yet)',
    );
    expect(allText(await run('feeds remove https://a.example/rss'))).toContain('Removed 1 feed');
    expect(allText(await run('feeds add ftp://x.example/rss'))).toContain('is not an http(s) URL of a feed');
    expect((await feeds.list()).map((f) => f.url)).toEqual(['https://b.example/atom']);
  });

  it('lets only admins change feeds when DIGEST_SUBSCRIBERS=admins, and anyone list them', async () => {
    h = await start('admins');
    h.fake.script('users.info', { body: { ok: true, user: { id: 'U0002', is_admin: false } } });
    expect(allText(await run('feeds add https://a.example/rss', 'U0002'))).toContain('Only workspace admins');
    expect(allText(await run('feeds list', 'U0002'))).toContain('No feeds yet');
    h.fake.script('users.info', { body: { ok: true, user: { id: USER, is_admin: true } } });
    expect(allText(await run('feeds add https://a.example/rss'))).toContain('Added the feed');
  });

  it('is in the help', async () => {
    h = await start('anyone');
    expect(allText(await run('help'))).toContain('/brief feeds add');
  });
});
