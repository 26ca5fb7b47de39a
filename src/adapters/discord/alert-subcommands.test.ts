/**
 * End-to-end: `/brief alert` through the real discord.js client against the fake Discord, over the SQLite
 * alert store; with DIGEST_SUBSCRIBERS=admins only members who manage the server change alerts; adding
 * is refused where the bot could not post; the help lists it.
 */
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertChatCommands } from '../../core/alerts/alert-chat-commands.js';
import type { AlertStore } from '../../core/alerts/alert-ports.js';
import { createAlertService } from '../../core/alerts/alert-service.js';
import { createSqliteAlertStore } from '../../store/sqlite/sqlite-alert-store.js';
import { discordAlertSubcommands } from './alert-subcommands.js';
import { type Harness, startHarness } from './testing/bot-harness.js';
import { ALL_TEXT_PERMISSIONS, makeUser, type WireChannel } from './testing/discord-payloads.js';
import { makeBriefInteraction, type OptionValue } from './testing/interaction-payloads.js';

type Body = {
  content?: string;
  embeds?: { description?: string }[];
  data?: Body;
  choices?: { value: string }[];
};

describe('discord /brief alert', () => {
  let h: Harness;
  let alerts: AlertStore;
  let channel: WireChannel;
  let guildId: string;
  const user = makeUser();
  const manager = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages;
  const member = PermissionFlagsBits.SendMessages;

  beforeAll(async () => {
    h = await startHarness({
      extra: (seeded) => {
        alerts = createSqliteAlertStore(seeded.db);
        const service = createAlertService({ alerts, clock: seeded.clock, defaultTimezone: 'UTC' });
        return {
          subcommands: discordAlertSubcommands({
            commands: createAlertChatCommands({ service, who: 'admins', maxPerDay: 10 }),
            clock: seeded.clock,
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

  const send = (
    subcommand: string,
    options: Record<string, OptionValue>,
    extra: { memberPermissions?: bigint; appPermissions?: bigint; focused?: string } = {},
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
  const ask = async (options: Record<string, OptionValue>, memberPermissions: bigint) => {
    const { payload, record } = send('alert', options, { memberPermissions });
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(payload.token));
    expect(record.callbacks[0]).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    return (edit.body as Body).content ?? '';
  };
  const callbackOf = async (token: string) =>
    (await h.fake.waitForRequest((r) => r.path.endsWith(`${token}/callback`))).body as Body;

  it('adds, lists and removes alerts of the channel; a member who does not manage the server only lists', async () => {
    expect(await ask({ topic: 'AI chips' }, member)).toContain('Only members who can manage this server');
    expect(await alerts.list()).toEqual([]);
    expect(await ask({ topic: 'AI chips', quiet: '22:00-07:00', tz: 'Asia/Tokyo' }, manager)).toContain(
      'I\'ll post each new story about "AI chips" here once',
    );
    expect(
      (await alerts.list()).map((a) => [a.platform, a.workspaceId, a.channelId, a.topic, a.createdBy]),
    ).toEqual([['discord', guildId, channel.id, 'AI chips', user.id]]);
    expect(await ask({ action: 'list' }, member)).toBe(
      'Alerts in this channel:\n• "AI chips" (quiet 22:00-07:00 Asia/Tokyo)',
    );
    expect(await ask({ topic: 'chips', quiet: 'late' }, manager)).toContain('quiet hours are two times');
    expect(await ask({ action: 'remove', topic: 'ai chips' }, member)).toContain(
      'Only members who can manage',
    );
    expect(await ask({ action: 'remove', topic: 'ai chips' }, manager)).toContain('Removed the alert');
    expect(await alerts.list()).toEqual([]);
  });

  it('refuses at once an alert without a topic, or in a channel where it could not post', async () => {
    const empty = send('alert', {}, { memberPermissions: manager });
    expect((await callbackOf(empty.payload.token)).data?.content).toMatch(/^Say what to watch for/);
    const noEmbeds = send(
      'alert',
      { topic: 'AI chips' },
      {
        memberPermissions: manager,
        appPermissions: ALL_TEXT_PERMISSIONS & ~PermissionFlagsBits.ReadMessageHistory,
      },
    );
    expect((await callbackOf(noEmbeds.payload.token)).data?.content).toMatch(
      /^I can't post alerts in this channel: I'm missing \*\*Read Message History\*\*/,
    );
    expect(await alerts.list()).toEqual([]);
  });

  it('suggests time zones and is in the help', async () => {
    const { payload } = send('alert', { tz: 'tokyo' }, { focused: 'tz' });
    expect((await callbackOf(payload.token)).data?.choices?.map((c) => c.value)).toContain('Asia/Tokyo');
    const help = send('help', {});
    const edit = await h.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.includes(help.payload.token),
    );
    expect((edit.body as Body).embeds?.[0]?.description).toMatch(/`\/brief alert \[topic:\]/);
  });
});
