/**
 * @module adapters/slack/alert-commands.test
 * `/brief alert <topic> | list | remove` through the real Bolt app (HTTP mode) over the SQLite alert
 * store; who may change alerts follows DIGEST_SUBSCRIBERS; the alerts are in the help and the Home tab.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertChatCommands } from '../../core/alerts/alert-chat-commands.js';
import { createAlertService } from '../../core/alerts/alert-service.js';
import type { SubscribersPolicy } from '../../core/digest/subscribe-command.js';
import { createSqliteAlertStore } from '../../store/sqlite/sqlite-alert-store.js';
import {
  createSqliteDigestRunStore,
  createSqliteSubscriptionStore,
} from '../../store/sqlite/sqlite-subscription-store.js';
import { slackAlertCommands } from './alert-commands.js';
import { TEAM_ID } from './testing/fake-slack-server.js';
import { allText } from './testing/inspect.js';
import { type Harness, startHarness } from './testing/slack-harness.js';
import { CHANNEL, homeOpenedEvent, USER } from './testing/slack-payloads.js';

describe('Slack /brief alert', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const start = (who: SubscribersPolicy) =>
    startHarness('http', {
      digests: (seeded) => ({
        subscriptions: createSqliteSubscriptionStore(seeded.db),
        runs: createSqliteDigestRunStore(seeded.db),
        alerts: createSqliteAlertStore(seeded.db),
      }),
      extraCommands: (seeded, logger) => {
        const service = createAlertService({
          alerts: createSqliteAlertStore(seeded.db),
          clock: seeded.clock,
          defaultTimezone: 'Europe/Berlin',
        });
        return slackAlertCommands({
          commands: createAlertChatCommands({ service, who, maxPerDay: 10 }),
          who,
          logger,
        });
      },
    });
  const run = async (text: string, user?: string) => {
    const { responseId } = await h.command(text, user);
    return (await h.fake.waitForResponse(`a reply on ${responseId}`, (r) => r.id === responseId)).body;
  };
  const stored = () => createSqliteAlertStore(h.seeded.db).list();

  it("adds an alert for the channel, lists the channel's alerts and removes one", async () => {
    h = await start('anyone');
    const added = await run('alert AI chips quiet 22:00-07:00');
    expect(added.response_type).toBe('ephemeral');
    expect(allText(added)).toContain('I\'ll post each new story about \\"AI chips\\" here once');
    expect(
      (await stored()).map((a) => [a.platform, a.workspaceId, a.channelId, a.topic, a.createdBy]),
    ).toEqual([['slack', TEAM_ID, CHANNEL, 'AI chips', USER]]);
    expect((await stored())[0]).toMatchObject({
      quiet: { from: '22:00', to: '07:00' },
      timezone: 'Europe/Berlin',
    });
    expect(allText(await run('alert list'))).toContain('• \\"AI chips\\" (quiet 22:00-07:00 Europe/Berlin)');
    expect(allText(await run('alert chips tz Nowhere/City'))).toContain(
      'Unknown time zone \\"Nowhere/City\\"',
    );
    expect(allText(await run('alert remove ai chips'))).toContain('Removed the alert on \\"ai chips\\"');
    expect(await stored()).toEqual([]);
  });

  it('says "invite me first" in a channel the bot is not in, and stores nothing', async () => {
    h = await start('anyone');
    h.fake.script('conversations.info', {
      body: { ok: true, channel: { id: CHANNEL, is_channel: true, is_member: false } },
    });
    const body = await run('alert AI chips');
    expect(allText(body)).toContain("I'm not in this channel, so I could not post its alerts");
    expect(await stored()).toEqual([]);
  });

  it('lets only admins change alerts when DIGEST_SUBSCRIBERS=admins, and anyone list them', async () => {
    h = await start('admins');
    h.fake.script('users.info', { body: { ok: true, user: { id: 'U0002', is_admin: false } } });
    expect(allText(await run('alert AI chips', 'U0002'))).toContain(
      'Only workspace admins may change the alerts',
    );
    expect(allText(await run('alert list', 'U0002'))).toContain('No alerts in this channel');
    expect(await stored()).toEqual([]);
    h.fake.script('users.info', { body: { ok: true, user: { id: USER, is_admin: true } } });
    expect(allText(await run('alert AI chips'))).toContain("I'll post each new story");
  });

  it('is in the help, and the Home tab lists the workspace alerts', async () => {
    h = await start('anyone');
    expect(allText(await run('help'))).toContain('/brief alert &lt;topic&gt;');
    await run('alert AI chips quiet 22:00-07:00');
    const alerts = createSqliteAlertStore(h.seeded.db);
    await alerts.add(
      {
        platform: 'slack',
        workspaceId: 'T0OTHER',
        channelId: 'C0THEIRS',
        topic: 'secret',
        quiet: null,
        timezone: 'UTC',
        createdBy: 'U9',
      },
      '2026-03-01T00:00:00.000Z',
    );
    await h.deliver(homeOpenedEvent());
    const call = await h.fake.waitForCall('the Home view', (c) => c.method === 'views.publish');
    const text = allText(call.args.view as Record<string, unknown>);
    expect(text).toContain('Story alerts in this workspace');
    expect(text).toContain(`<#${CHANNEL}>: \\"AI chips\\", quiet 22:00-07:00 Europe/Berlin`);
    expect(text).not.toContain('C0THEIRS');
  });
});
