/**
 * End-to-end: the bot under discord.js's ShardingManager. Two shard processes connect to the fake
 * gateway, each identifies as its own shard and answers the guild Discord routes to it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDiscordShards } from './shard-manager.js';
import { createMemoryLogger } from './testing/bot-harness.js';
import { makeGuildSpec, makeUser, snowflake } from './testing/discord-payloads.js';
import { FakeDiscord } from './testing/fake-discord.js';

describe('startDiscordShards', () => {
  const guilds = [
    makeGuildSpec({ id: snowflake({ shard: 0, of: 2 }) }),
    makeGuildSpec({ id: snowflake({ shard: 1, of: 2 }) }),
  ];
  const envBefore = { ...process.env };
  let fake: FakeDiscord;
  let shards: Awaited<ReturnType<typeof startDiscordShards>>;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ guilds });
    shards = await startDiscordShards({
      token: fake.state.token,
      depsModule: new URL('./testing/shard-test-deps.ts', import.meta.url),
      depsArgs: [fake.apiUrl, fake.state.token, fake.state.applicationId],
      apiUrl: fake.apiUrl,
      totalShards: 'auto',
      spawnDelayMs: 0,
      spawnTimeoutMs: 40_000,
      respawn: false,
      logger: createMemoryLogger(),
    });
  }, 60_000);

  afterAll(async () => {
    await shards?.stop();
    await fake?.close();
  });

  it('starts the recommended number of shards, each identifying as itself', () => {
    expect(shards.totalShards).toBe(2);
    expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('answers in each guild from the shard that owns it', async () => {
    const user = makeUser();
    const questions = guilds.map((guild) =>
      fake.sendMessage({
        channelId: guild.channels[0]?.id as string,
        guildId: guild.id,
        author: user,
        content: `<@${fake.bot.id}> How big is the AWS deal?`,
        mentions: [fake.bot],
      }),
    );
    for (const question of questions) {
      const reply = await fake.waitForRequest(
        (r) =>
          r.status === 200 &&
          (r.body.message_reference as { message_id?: string } | undefined)?.message_id === question.id,
        15_000,
      );
      expect(reply.path).toBe(`/channels/${question.channel_id}/messages`);
      expect(JSON.stringify(reply.body.embeds)).toContain('$38 billion');
    }
    const replies = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(replies).toHaveLength(2);
  });

  it('stops every shard process and restores the environment', async () => {
    await shards.stop();
    await vi.waitFor(() => expect(fake.gateway.wss.clients.size).toBe(0));
    expect(process.env.SHARDING_MANAGER).toBe(envBefore.SHARDING_MANAGER);
    expect(process.env.DISCORD_TOKEN).toBe(envBefore.DISCORD_TOKEN);
  });
});
