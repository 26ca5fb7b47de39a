/**
 * @module adapters/slack/app-home.test
 * The Home tab through the real Bolt app in both modes, against the fake Slack: opening it publishes a
 * view with how to ask, what is indexed, this workspace's digests and the last digest's time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSqliteDigestRunStore,
  createSqliteSubscriptionStore,
} from '../../store/sqlite/sqlite-subscription-store.js';
import type { ApiCall } from './testing/fake-slack-server.js';
import { TEAM_ID } from './testing/fake-slack-server.js';
import { allText } from './testing/inspect.js';
import { type Harness, type SlackMode, startHarness } from './testing/slack-harness.js';
import { homeOpenedEvent, USER } from './testing/slack-payloads.js';

const schedule = { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'Europe/Berlin' };

describe.each<SlackMode>(['http', 'socket'])('Slack App Home (%s mode)', (mode) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const withDigests = () =>
    startHarness(mode, {
      digests: (seeded) => ({
        subscriptions: createSqliteSubscriptionStore(seeded.db),
        runs: createSqliteDigestRunStore(seeded.db),
      }),
    });
  const published = (user = USER): Promise<ApiCall> =>
    h.fake.waitForCall(
      `the Home view of ${user}`,
      (c) => c.method === 'views.publish' && c.args.user_id === user,
    );

  it('shows how to ask, what is indexed, the workspace digests and the last digest time', async () => {
    h = await withDigests();
    const subscriptions = createSqliteSubscriptionStore(h.seeded.db);
    const runs = createSqliteDigestRunStore(h.seeded.db);
    const draft = { platform: 'slack' as const, schedule, quietWhenEmpty: false, createdBy: USER };
    const now = '2026-03-01T00:00:00.000Z';
    const { subscription: ours } = await subscriptions.upsert(
      { ...draft, workspaceId: TEAM_ID, channelId: 'C0AWS', topic: 'AWS <deals>' },
      now,
    );
    // DIGEST_CHANNELS digests are stored without a workspace: they belong to this one too.
    await subscriptions.upsert({ ...draft, workspaceId: null, channelId: 'C0ALL', topic: null }, now);
    await subscriptions.upsert(
      { ...draft, workspaceId: 'T0OTHER', channelId: 'C0THEIRS', topic: 'secret' },
      now,
    );
    const sentAt = '2026-03-02T07:00:00.000Z';
    await runs.claim(ours.id, sentAt, 'test', 60_000, sentAt);
    await runs.markSent(ours.id, sentAt, 'test', sentAt);

    await h.deliver(homeOpenedEvent());
    const call = await published();
    const view = call.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = allText(view);
    expect(text).toContain('How to ask');
    expect(text).toContain("What's new?");
    expect(text).toMatch(/\*5 articles\* from \d+ outlets?: .*GeekWire \(1\)/);
    expect(text).toContain('Latest article published');
    expect(text).toContain('<#C0AWS>: \\"AWS &lt;deals&gt;\\", daily at 08:00 Europe/Berlin');
    expect(text).toContain('<#C0ALL>: all news, daily at 08:00 Europe/Berlin');
    expect(text).not.toContain('C0THEIRS');
    expect(text).toContain(
      `Last digest: <!date^${Date.parse(sentAt) / 1000}^{date_short_pretty} at {time}|2 Mar 2026 07:00 UTC>`,
    );
  });

  it('says how to subscribe and that no digest was sent when there are none', async () => {
    h = await withDigests();
    await h.deliver(homeOpenedEvent({ user: 'U0NEW' }));
    const text = allText((await published('U0NEW')).args.view as Record<string, unknown>);
    expect(text).toContain('None yet.');
    expect(text).toContain('/brief subscribe daily 08:00');
    expect(text).toContain('No digest has been sent yet.');
  });

  it('ignores the Messages tab', async () => {
    h = await withDigests();
    await h.deliver(homeOpenedEvent({ tab: 'messages', user: 'U0MSG' }));
    await h.deliver(homeOpenedEvent({ user: 'U0HOME' }));
    await published('U0HOME');
    expect(h.fake.calls.filter((c) => c.method === 'views.publish').map((c) => c.args.user_id)).toEqual([
      'U0HOME',
    ]);
  });

  it('shows a short error line instead of a blank tab when the articles cannot be read', async () => {
    h = await startHarness(mode, {
      briefing: (seeded) => ({
        ...seeded,
        sources: async () => {
          throw new Error('database is locked');
        },
      }),
    });
    await h.deliver(homeOpenedEvent());
    const text = allText((await published()).args.view as Record<string, unknown>);
    expect(text).toContain('Something went wrong on my side');
    const failure = await h.logger.waitFor('the failure', (e) => e.message === 'slack home failed');
    expect(failure.level).toBe('error');
  });
});
