/**
 * End-to-end: `/brief digest`, `subscribe`, `unsubscribe` and `subscriptions` through the real discord.js
 * client against the fake Discord, over the seeded articles and a SQLite subscription store.
 */
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../core/digest/build-digest.js';
import type { SubscriptionStore } from '../../core/digest/digest-ports.js';
import {
  createSubscriptionCommands,
  type SubscribersPolicy,
  type SubscriptionCommands,
} from '../../core/digest/subscribe-command.js';
import { createSqliteSubscriptionStore } from '../../store/sqlite/sqlite-subscription-store.js';
import { ADMINS_ONLY_TEXT, discordDigestSubcommands } from './digest-subcommands.js';
import { type Harness, startHarness } from './testing/bot-harness.js';
import { ALL_TEXT_PERMISSIONS, makeUser, type WireChannel } from './testing/discord-payloads.js';
import { makeBriefInteraction, makeButtonClick, type OptionValue } from './testing/interaction-payloads.js';

type Body = {
  type?: number;
  content?: string;
  flags?: number;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components: { custom_id: string; label?: string }[] }[];
  choices?: { name: string; value: string }[];
  data?: Body;
};

const DAY_MS = 86_400_000;

describe('discord digest subcommands', () => {
  let h: Harness;
  let store: SubscriptionStore;
  let channel: WireChannel;
  let guildId: string;
  let policy: SubscribersPolicy = 'anyone';
  const user = makeUser();

  beforeAll(async () => {
    h = await startHarness({
      extra: (seeded) => {
        store = createSqliteSubscriptionStore(seeded.db);
        const byPolicy = (who: SubscribersPolicy) =>
          createSubscriptionCommands({ subscriptions: store, defaultTimezone: 'UTC', who });
        const open = byPolicy('anyone');
        const adminsOnly = byPolicy('admins');
        const current = () => (policy === 'anyone' ? open : adminsOnly);
        const commands: SubscriptionCommands = {
          subscribe: (args, ctx) => current().subscribe(args, ctx),
          unsubscribe: (args, ctx) => current().unsubscribe(args, ctx),
          listSubscriptions: (ctx) => current().listSubscriptions(ctx),
        };
        return {
          subcommands: discordDigestSubcommands({
            commands,
            clock: seeded.clock,
            buildOnDemand: ({ topic }) => {
              const now = seeded.clock.now().getTime();
              return buildDigest(seeded.store, {
                since: new Date(now - DAY_MS).toISOString(),
                until: new Date(now).toISOString(),
                topic,
              });
            },
          }),
        };
      },
    });
    guildId = h.fake.state.guilds[0]?.id as string;
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    policy = 'anyone';
    await store.remove({ platform: 'discord', channelId: channel.id });
  });
  afterEach(() => {
    expect(h.fake.mentionViolations).toEqual([]);
  });

  const run = (
    subcommand: string,
    options: Record<string, OptionValue> = {},
    extra: { focused?: string; memberPermissions?: bigint; appPermissions?: bigint } = {},
  ) => {
    const payload = makeBriefInteraction({
      applicationId: h.fake.state.applicationId,
      user,
      channel,
      guildId,
      subcommand,
      options,
      ...extra,
    });
    return { payload, record: h.fake.sendInteraction(payload) };
  };
  const editOf = async (token: string) =>
    (await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(token))).body as Body;
  const callbackOf = async (token: string) =>
    (await h.fake.waitForRequest((r) => r.path.endsWith(`${token}/callback`))).body as Body;
  const ask = async (subcommand: string, options: Record<string, OptionValue> = {}) => {
    const { payload, record } = run(subcommand, options);
    const body = await editOf(payload.token);
    expect(record.callbacks[0]).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    return body;
  };

  it('previews the digest privately as embeds with the seed story, and Share posts it for everyone', async () => {
    const { payload, record } = run('digest');
    const body = await editOf(payload.token);
    expect(record.callbacks[0]).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(body.content).toBe('📰 **News digest: 1 story since 2026-03-01 09:00 UTC**');
    const [story] = body.embeds ?? [];
    expect(story?.title).toMatch(/^1\. OpenAI Signs \$38 Billion AWS Deal/);
    expect(story?.description).toMatch(/⚠️ Sources disagree: .* says the figures were not disclosed \[9\]/);
    expect(story?.fields?.[0]?.value).toBe('5 sources: AIInsightsNews, Amazon, GeekWire, 2 unnamed');
    expect(body.components?.[0]?.components[0]).toMatchObject({ custom_id: 'brief:share' });

    const sharer = makeUser();
    const click = makeButtonClick({
      applicationId: h.fake.state.applicationId,
      user: sharer,
      channel,
      guildId,
      customId: 'brief:share',
      message: record.original as Record<string, unknown>,
    });
    h.fake.sendInteraction(click);
    const shared = await callbackOf(click.token);
    expect(shared.type).toBe(4);
    expect(shared.data?.flags ?? 0).toBe(0);
    expect(shared.data?.content).toBe(`Shared by <@${sharer.id}>\n${body.content}`);
    expect(shared.data?.embeds).toEqual(body.embeds);
  });

  it('says in one line when nothing is new about a topic', async () => {
    const body = await ask('digest', { topic: 'zeppelin' });
    expect(body.content).toBe('Nothing new about "zeppelin" since 2026-03-01 09:00 UTC.');
    expect(body.embeds).toEqual([]);
  });

  it('subscribes the channel with a schedule, time zone, topic and quiet, and stores it', async () => {
    const body = await ask('subscribe', {
      schedule: 'weekdays 07:30',
      tz: 'Europe/Berlin',
      topic: 'AWS deal',
      quiet: true,
    });
    expect(body.content).toBe(
      'Subscribed: this channel gets a digest about "AWS deal" weekdays at 07:30 Europe/Berlin (next: Tue 3 Mar 07:30). Quiet when nothing is new.',
    );
    const [stored, ...others] = await store.listByChannel('discord', channel.id);
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      workspaceId: guildId,
      schedule: { cron: '30 7 * * 1-5', timezone: 'Europe/Berlin' },
      topic: 'AWS deal',
      quietWhenEmpty: true,
      createdBy: user.id,
    });
    const cron = await ask('subscribe', { schedule: '0 8,17 * * 1-5', tz: 'America/New_York' });
    expect(cron.content).toMatch(/^Subscribed: .*all news cron "0 8,17 \* \* 1-5" America\/New_York/);
  });

  it('suggests time zones as the person types', async () => {
    const suggest = async (typed: string) => {
      const { payload } = run('subscribe', { tz: typed }, { focused: 'tz' });
      const body = await callbackOf(payload.token);
      expect(body.type).toBe(8);
      return body.data?.choices ?? [];
    };
    expect(await suggest('berl')).toEqual([{ name: 'Europe/Berlin (UTC+01:00)', value: 'Europe/Berlin' }]);
    expect((await suggest('new york'))[0]).toEqual({
      name: 'America/New_York (UTC-05:00)',
      value: 'America/New_York',
    });
    const common = await suggest('');
    expect(common).toHaveLength(25);
    expect(common[0]).toEqual({ name: 'UTC', value: 'UTC' });
    expect(common).toContainEqual({ name: 'Europe/London (UTC+00:00)', value: 'Europe/London' });
  });

  it('answers a bad cron or an unknown zone privately with an example, and stores nothing', async () => {
    const cron = await ask('subscribe', { schedule: 'cron "61 8 * * *"' });
    expect(cron.content).toMatch(
      /^"61 8 \* \* \*" is not a valid cron expression .*Example: cron "0 8 \* \* 1-5"/,
    );
    const zone = await ask('subscribe', { schedule: 'daily 08:00', tz: 'Mars/Olympus' });
    expect(zone.content).toBe(
      'Unknown time zone "Mars/Olympus". Use an IANA name such as Europe/Berlin or America/New_York.',
    );
    expect(await store.listByChannel('discord', channel.id)).toEqual([]);
  });

  it('lists the channel’s digests and stops one picked by autocomplete, then the rest', async () => {
    await ask('subscribe', { schedule: 'daily 08:00', topic: 'AWS' });
    await ask('subscribe', { schedule: 'weekdays 18:00' });
    const listed = await ask('subscriptions');
    expect(listed.content).toBe(
      [
        'This channel gets 2 digests:',
        '• a digest about "AWS": daily at 08:00 UTC (next: Tue 3 Mar 08:00)',
        '• a digest of all news: weekdays at 18:00 UTC (next: Mon 2 Mar 18:00)',
      ].join('\n'),
    );

    const { payload } = run('unsubscribe', { topic: 'a' }, { focused: 'topic' });
    expect((await callbackOf(payload.token)).data?.choices).toEqual([
      { name: 'AWS — daily at 08:00 UTC (next: Tue 3 Mar 08:00)', value: 'AWS' },
    ]);
    expect((await ask('unsubscribe', { topic: 'AWS' })).content).toBe(
      'Stopped the digest about "AWS" in this channel.',
    );
    expect((await ask('unsubscribe')).content).toBe('Stopped the digest in this channel.');
    expect((await ask('subscriptions')).content).toBe(
      'This channel has no digests. Try `/brief subscribe daily 08:00`.',
    );
  });

  it('lets only members with Manage Server change digests when the policy is admins', async () => {
    policy = 'admins';
    const member = run('subscribe', { schedule: 'daily 08:00' });
    expect((await editOf(member.payload.token)).content).toBe(ADMINS_ONLY_TEXT);
    expect(await store.listByChannel('discord', channel.id)).toEqual([]);

    const admin = run(
      'subscribe',
      { schedule: 'daily 08:00' },
      { memberPermissions: ALL_TEXT_PERMISSIONS | PermissionFlagsBits.ManageGuild },
    );
    expect((await editOf(admin.payload.token)).content).toMatch(/^Subscribed: /);
    const refused = run('unsubscribe');
    expect((await editOf(refused.payload.token)).content).toBe(ADMINS_ONLY_TEXT);
    expect(await store.listByChannel('discord', channel.id)).toHaveLength(1);
  });

  it('refuses to subscribe a channel where it could not post, naming the missing permission', async () => {
    const { payload } = run(
      'subscribe',
      {},
      { appPermissions: ALL_TEXT_PERMISSIONS & ~PermissionFlagsBits.EmbedLinks },
    );
    const body = await callbackOf(payload.token);
    expect(body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(body.data?.content).toMatch(
      /^I can't post digests in this channel: I'm missing \*\*Embed Links\*\*/,
    );
    expect(await store.listByChannel('discord', channel.id)).toEqual([]);
  });

  it('refuses a channel where it cannot read the history it checks before a retry', async () => {
    const { payload } = run(
      'subscribe',
      {},
      { appPermissions: ALL_TEXT_PERMISSIONS & ~PermissionFlagsBits.ReadMessageHistory },
    );
    const body = await callbackOf(payload.token);
    expect(body.data?.content).toMatch(/I'm missing \*\*Read Message History\*\*/);
    expect(await store.listByChannel('discord', channel.id)).toEqual([]);
  });

  it('refuses a server it is not a member of (only its commands were added), saying how to invite it', async () => {
    const payload = makeBriefInteraction({
      applicationId: h.fake.state.applicationId,
      user,
      channel: { ...channel, id: '990000000000000001' },
      guildId: '990000000000000002',
      subcommand: 'subscribe',
      options: {},
      memberPermissions: ALL_TEXT_PERMISSIONS | PermissionFlagsBits.ManageGuild,
    });
    h.fake.sendInteraction(payload);
    const body = await callbackOf(payload.token);
    expect(body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(body.data?.content).toMatch(/only my commands were added, not me.*npx brief discord:register/);
    expect(await store.listByChannel('discord', '990000000000000001')).toEqual([]);
  });
});
