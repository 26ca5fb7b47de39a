/**
 * @module adapters/slack/digest-commands.test
 * `/brief digest | subscribe | unsubscribe | subscriptions` through the real Bolt app in both modes, over
 * the seed articles and the SQLite subscription store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SHARE_ACTION } from './share-action.js';
import { type DigestHarness, startDigestHarness } from './testing/digest-fixtures.js';
import { TEAM_ID } from './testing/fake-slack-server.js';
import { allText, buttons } from './testing/inspect.js';
import type { SlackMode } from './testing/slack-harness.js';
import { buttonClick, CHANNEL, USER } from './testing/slack-payloads.js';

describe.each<SlackMode>(['http', 'socket'])('Slack digest commands (%s mode)', (mode) => {
  let h: DigestHarness;
  afterEach(async () => {
    await h.close();
  });

  const reply = async (responseId: string) =>
    (await h.fake.waitForResponse(`a reply on ${responseId}`, (r) => r.id === responseId)).body;
  const run = async (text: string, user?: string) => reply((await h.command(text, user)).responseId);

  it('digest: shows the seed story privately, with its sources, the disagreement and a Share button', async () => {
    h = await startDigestHarness(mode);
    const { ackText, responseId } = await h.command('digest');
    expect(ackText).toMatch(/Putting the digest together/);
    const body = await reply(responseId);
    expect(body.response_type).toBe('ephemeral');
    const text = allText(body);
    expect(text).toContain('News digest: 1 story since');
    expect(text).toContain('OpenAI Signs $38 Billion AWS Deal');
    expect(text).toContain('5 sources: AIInsightsNews, Amazon, GeekWire, 2 unnamed');
    expect(text).toContain(':warning: Sources disagree');
    expect(text).toMatch(
      /\*\[1\]\[2\]\[3\]\* OpenAI Signs \$38 Billion AWS Deal.* · _GeekWire · date unknown_/,
    );
    expect(buttons(body).map((b) => b.action_id)).toEqual([SHARE_ACTION]);
  });

  it('digest: sharing posts the same digest in the channel', async () => {
    h = await startDigestHarness(mode);
    const privateReply = await run('digest AWS');
    const share = buttons(privateReply).find((b) => b.action_id === SHARE_ACTION);
    await h.click(
      buttonClick({
        actionId: SHARE_ACTION,
        value: share?.value ?? '',
        responseUrl: h.fake.responseUrl('share-d'),
      }),
    );
    const shared = await h.fake.waitForResponse(
      'the shared digest',
      (r) => r.id === 'share-d' && r.body.response_type === 'in_channel',
    );
    expect(allText(shared.body)).toContain('Shared by ann');
    expect(allText(shared.body)).toContain('News digest on \\"AWS\\": 1 story');
    expect(allText(shared.body)).toContain('5 sources');
    expect(buttons(shared.body)).toEqual([]);
  });

  it('digest: says so in one line when nothing matches the topic', async () => {
    h = await startDigestHarness(mode);
    const body = await run('digest topic volcanoes');
    expect(body.text).toMatch(/^Nothing new about "volcanoes" since /);
    expect(body.blocks).toHaveLength(2); // the line and the Share button
  });

  it('subscribe: confirms privately and stores the subscription for this channel', async () => {
    h = await startDigestHarness(mode);
    const body = await run('subscribe daily 08:00 tz Europe/Berlin topic AWS');
    expect(body.response_type).toBe('ephemeral');
    expect(allText(body)).toContain(
      'Subscribed: this channel gets a digest about "AWS" daily at 08:00 Europe/Berlin (next: Tue 3 Mar 08:00).',
    );
    const stored = await h.subscriptions.listByChannel('slack', CHANNEL);
    expect(stored).toEqual([
      expect.objectContaining({
        platform: 'slack',
        workspaceId: TEAM_ID,
        channelId: CHANNEL,
        topic: 'AWS',
        schedule: { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'Europe/Berlin' },
        quietWhenEmpty: false,
        createdBy: USER,
      }),
    ]);
  });

  it('subscribe: says "invite me first" at once in a channel the bot is not in, and stores nothing', async () => {
    h = await startDigestHarness(mode);
    h.fake.script(
      'conversations.info',
      { body: { ok: true, channel: { id: CHANNEL, is_channel: true, is_member: false } } },
      // A private channel the bot was not invited to is one Slack does not show it.
      { body: { ok: false, error: 'channel_not_found' } },
    );
    for (const attempt of ['subscribe daily 08:00', 'subscribe weekdays 07:30']) {
      const body = await run(attempt);
      expect(body.response_type).toBe('ephemeral');
      expect(allText(body)).toContain("I'm not in this channel");
      expect(allText(body)).toContain('Invite me first with `/invite @Briefbot`');
    }
    expect(await h.subscriptions.listByChannel('slack', CHANNEL)).toEqual([]);
    const checks = h.fake.calls.filter((c) => c.method === 'conversations.info');
    expect(checks.map((c) => c.args.channel)).toEqual([CHANNEL, CHANNEL]);
  });

  it('subscribe: goes ahead with a note when Slack cannot say whether the bot is in the channel', async () => {
    h = await startDigestHarness(mode);
    h.fake.script('conversations.info', { body: { ok: false, error: 'missing_scope' } });
    const text = allText(await run('subscribe daily 08:00'));
    expect(text).toContain('Subscribed: this channel gets');
    expect(text).toContain(
      'I could not check that I am in this channel: Slack refused conversations.info: missing_scope',
    );
    expect(await h.subscriptions.listByChannel('slack', CHANNEL)).toHaveLength(1);
    await h.logger.waitFor('the failed check', (e) => e.message === 'slack membership check failed');
  });

  it('subscribe: explains a bad cron expression or time zone privately, with an example', async () => {
    h = await startDigestHarness(mode);
    const badCron = await run('subscribe cron "0 8 * *"');
    const badZone = await run('subscribe daily 08:00 tz Mars/Olympus');
    expect(badCron.response_type).toBe('ephemeral');
    expect(allText(badCron)).toContain('"0 8 * *" is not a valid cron expression: it needs 5 fields');
    expect(allText(badCron)).toContain(
      'For example: `/brief subscribe daily 08:00 tz Europe/Berlin topic AI chips`',
    );
    expect(badZone.response_type).toBe('ephemeral');
    expect(allText(badZone)).toContain('Unknown time zone "Mars/Olympus"');
    expect(allText(badZone)).toContain('For example: `/brief subscribe daily 08:00 tz Europe/Berlin');
    expect(await h.subscriptions.listAll()).toEqual([]);
    expect(h.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('subscribe help: lists the schedule options', async () => {
    h = await startDigestHarness(mode);
    expect(allText(await run('subscribe help'))).toContain('weekdays 07:30 tz Europe/Berlin');
  });

  it('subscriptions and unsubscribe: list the channel digests and stop them', async () => {
    h = await startDigestHarness(mode);
    await run('subscribe daily 08:00 tz Europe/Berlin topic AWS');
    await run('subscribe weekdays 17:30 quiet');
    const listing = allText(await run('subscriptions'));
    expect(listing).toContain('This channel gets 2 digests:');
    expect(listing).toContain('• a digest about "AWS": daily at 08:00 Europe/Berlin (next: Tue 3 Mar 08:00)');
    expect(listing).toContain('• a digest of all news: weekdays at 17:30 UTC (next: Mon 2 Mar 17:30) Quiet');

    expect(allText(await run('unsubscribe topic AWS'))).toContain(
      'Stopped the digest about "AWS" in this channel.',
    );
    expect((await h.subscriptions.listAll()).map((s) => s.topic)).toEqual([null]);
    expect(allText(await run('unsubscribe topic AWS'))).toContain('This channel has no digest about "AWS".');
    expect(allText(await run('unsubscribe'))).toContain('Stopped the digest in this channel.');
    expect(allText(await run('subscriptions'))).toContain('This channel has no digests.');
  });

  it('admins only: refuses a non-admin kindly and lets an admin subscribe', async () => {
    h = await startDigestHarness(mode, { who: 'admins' });
    h.fake.script('users.info', {
      body: { ok: true, user: { id: 'U0002', is_admin: false, is_owner: false } },
    });
    const refused = await run('subscribe daily 08:00', 'U0002');
    expect(refused.response_type).toBe('ephemeral');
    expect(allText(refused)).toContain("Only workspace admins can change this workspace's digests.");
    expect(await h.subscriptions.listAll()).toEqual([]);
    expect(h.fake.calls.find((c) => c.method === 'users.info')?.args.user).toBe('U0002');

    h.fake.script('users.info', { body: { ok: true, user: { id: USER, is_admin: true } } });
    expect(allText(await run('subscribe daily 08:00'))).toContain('Subscribed: this channel gets');
    h.fake.script('users.info', { body: { ok: true, user: { id: 'U0003', is_owner: true } } });
    expect(allText(await run('unsubscribe', 'U0003'))).toContain('Stopped the digest');
  });

  it('admins only: says why it refuses when Slack cannot tell who is an admin', async () => {
    h = await startDigestHarness(mode, { who: 'admins' });
    h.fake.script('users.info', { body: { ok: false, error: 'missing_scope' } });
    const refused = allText(await run('subscribe daily 08:00'));
    expect(refused).toContain('Only workspace admins');
    expect(refused).toContain(
      'I could not check whether you are an admin: Slack refused users.info: missing_scope',
    );
    const logged = await h.logger.waitFor(
      'the failed admin check',
      (e) => e.message === 'slack admin check failed',
    );
    expect(logged.fields.code).toBe('delivery');
  });

  it('anyone may subscribe: no admin lookup when the policy is passed', async () => {
    h = await startDigestHarness(mode, { who: 'anyone', passPolicy: true });
    expect(allText(await run('subscribe'))).toContain(
      'Subscribed: this channel gets a digest of all news daily at 08:00 UTC',
    );
    expect(h.fake.calls.some((c) => c.method === 'users.info')).toBe(false);
  });

  it('help lists the digest subcommands with examples', async () => {
    h = await startDigestHarness(mode);
    const text = allText(await run('help'));
    for (const example of [
      '/brief digest AI chips',
      '/brief subscribe daily 08:00 tz Europe/Berlin topic AI chips',
      '/brief unsubscribe topic AI chips',
      '/brief subscriptions',
    ]) {
      expect(text).toContain(example);
    }
  });
});
