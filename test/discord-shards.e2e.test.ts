/**
 * `brief serve` with DISCORD_SHARDS: the composition root runs discord.js's ShardingManager, each shard
 * process is `brief serve` again (the built bin) answering its own guilds, and each has a digest sink:
 * a digest due in a channel is posted by one of them, once, though every shard runs the scheduler; on
 * stop each shard drains and exits on its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARD_STOP_TIMEOUT_MS } from '../src/adapters/discord/shard-manager.js';
import { makeGuildSpec, makeUser, snowflake } from '../src/adapters/discord/testing/discord-payloads.js';
import { FakeDiscord } from '../src/adapters/discord/testing/fake-discord.js';
import { runCli } from '../src/main.js';
import { openStores } from '../src/store/open-stores.js';
import { freePort } from '../src/test-support/free-port.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

const guilds = [
  makeGuildSpec({ id: snowflake({ shard: 0, of: 2 }) }),
  makeGuildSpec({ id: snowflake({ shard: 1, of: 2 }) }),
];
const channelOf = (i: number) => guilds[i]?.channels[0]?.id as string;

describe('brief serve with DISCORD_SHARDS', () => {
  let fake: FakeDiscord;
  let stop!: () => void;
  let running: Promise<number>;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ guilds });
    const dataDir = mkdtempSync(join(tmpdir(), 'brief-shards-'));
    // An hourly digest at this minute in the second guild's channel, subscribed an hour ago: due at once,
    // and not again within the test.
    const minute = new Date().getUTCMinutes();
    const stores = await openStores({ databaseUrl: undefined, dataDir });
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await stores.subscriptions.upsert(
      {
        platform: 'discord',
        workspaceId: guilds[1]?.id ?? null,
        channelId: channelOf(1),
        schedule: { label: `cron ${minute} * * * *`, cron: `${minute} * * * *`, timezone: 'UTC' },
        topic: null,
        quietWhenEmpty: false,
        createdBy: makeUser().id,
      },
      hourAgo,
    );
    await stores.articles.close();
    const shutdown = new Promise<void>((resolve) => {
      stop = resolve;
    });
    running = runCli(['serve'], {
      env: {
        BRIEF_DATA_DIR: dataDir,
        BRIEF_LOG_LEVEL: 'error',
        DISCORD_TOKEN: fake.state.token,
        DISCORD_APPLICATION_ID: fake.state.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_SHARDS: '2',
        // The manager answers /healthz on PORT (its shards do not listen): a free one, not 3000.
        PORT: String(await freePort()),
      },
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      cwd: PROJECT_ROOT,
      shutdown,
    });
    const deadline = Date.now() + 60_000;
    while (fake.gateway.identifies.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 90_000);

  afterAll(async () => {
    stop?.();
    await running;
    await fake?.close();
  }, 45_000);

  it('starts one shard process per shard, each identifying as itself', () => {
    expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('answers a mention in each guild', async () => {
    for (const [i, guild] of guilds.entries()) {
      const question = fake.sendMessage({
        channelId: channelOf(i),
        guildId: guild.id,
        author: makeUser(),
        content: `<@${fake.bot.id}> How big is the AWS deal?`,
        mentions: [fake.bot],
      });
      const reply = await fake.waitForRequest(
        (r) =>
          r.status === 200 &&
          (r.body.message_reference as { message_id?: string } | undefined)?.message_id === question.id,
        20_000,
      );
      expect(JSON.stringify(reply.body.embeds)).toContain('$38 billion');
    }
  }, 45_000);

  it('posts the due digest once, though both shards run the scheduler', async () => {
    const isDigest = (r: (typeof fake.requests)[number]) =>
      r.method === 'POST' &&
      r.path === `/channels/${channelOf(1)}/messages` &&
      r.status === 200 &&
      r.body.message_reference === undefined;
    await fake.waitForRequest(isDigest, 40_000);
    // Both schedulers tick every 15 s: wait past another tick of each for a second copy.
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    const bodies = fake.requests.filter(isDigest).map((r) => JSON.stringify(r.body));
    expect(bodies.length).toBeGreaterThanOrEqual(1);
    // A second copy would repeat the digest's messages.
    expect(new Set(bodies).size).toBe(bodies.length);
  }, 70_000);

  it('stops: each shard process drains and exits on its own, long before the manager would SIGKILL it', async () => {
    const started = Date.now();
    stop();
    expect(await running).toBe(0);
    // Each shard finishes its drain and lets go of the manager's IPC channel; the SIGKILL is 30 s away.
    expect(Date.now() - started).toBeLessThan(SHARD_STOP_TIMEOUT_MS / 3);
  }, 45_000);
});
