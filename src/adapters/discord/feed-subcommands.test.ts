/**
 * End-to-end: `/brief feeds` through the real discord.js client against the fake Discord, over the
 * SQLite feed store; with DIGEST_SUBSCRIBERS=admins only members who manage the server change feeds.
 */
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedStore } from '../../core/ports.js';
import { createFeedChatCommands } from '../../feeds/feed-chat-commands.js';
import { createFeedService } from '../../feeds/feed-service.js';
import { createSqliteFeedStore } from '../../store/sqlite/sqlite-feed-store.js';
import { discordFeedSubcommands } from './feed-subcommands.js';
import { type Harness, startHarness } from './testing/bot-harness.js';
import { makeUser, type WireChannel } from './testing/discord-payloads.js';
import { makeBriefInteraction, type OptionValue } from './testing/interaction-payloads.js';

describe('discord /brief feeds', () => {
  let h: Harness;
  let feeds: FeedStore;
  let channel: WireChannel;
  let guildId: string;
  const user = makeUser();

  beforeAll(async () => {
    h = await startHarness({
      extra: (seeded) => {
        feeds = createSqliteFeedStore(seeded.db);
        const service = createFeedService({
          feeds,
          clock: seeded.clock,
          defaultEveryMs: 15 * 60_000,
          pollDeps: () => {
            throw new Error('no polling in these tests');
          },
        });
        return {
          subcommands: discordFeedSubcommands({
            commands: createFeedChatCommands({ service, who: 'admins' }),
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

  const ask = async (options: Record<string, OptionValue>, memberPermissions?: bigint) => {
    const payload = makeBriefInteraction({
      applicationId: h.fake.state.applicationId,
      user,
      channel,
      guildId,
      subcommand: 'feeds',
      options,
      ...(memberPermissions === undefined ? {} : { memberPermissions }),
    });
    h.fake.sendInteraction(payload);
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(payload.token));
    return (edit.body as { content?: string }).content ?? '';
  };

  it('adds, lists and removes feeds; a member who does not manage the server may only list them', async () => {
    const manager = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages;
    expect(
      await ask({ action: 'add', urls: 'https://a.example/rss' }, PermissionFlagsBits.SendMessages),
    ).toContain('Only members who can manage this server');
    expect(
      await ask(
        { action: 'add', urls: '<https://a.example/rss> https://b.example/atom', every: '1h' },
        manager,
      ),
    ).toContain('Added 2 feeds; I poll them every 1h');
    expect((await feeds.list()).map((f) => [f.url, f.addedBy])).toEqual([
      ['https://a.example/rss', `discord:${guildId}:${channel.id}:${user.id}`],
      ['https://b.example/atom', `discord:${guildId}:${channel.id}:${user.id}`],
    ]);
    expect(await ask({ action: 'list' }, PermissionFlagsBits.SendMessages)).toContain(
      'https://b.example/atom (every 1h',
    );
    expect(await ask({ action: 'remove', urls: 'https://a.example/rss' }, manager)).toContain(
      'Removed 1 feed',
    );
    expect((await feeds.list()).map((f) => f.url)).toEqual(['https://b.example/atom']);
  });
});
