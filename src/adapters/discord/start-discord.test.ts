/**
 * Starting and stopping the bot: it connects through DISCORD_API_URL, and a start that cannot work
 * fails with a ConfigError naming the key to fix instead of hanging.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { createSeededBriefing, type SeededBriefing } from '../../test-support/seeded-briefing.js';
import { silentLogger } from '../log/json-logger.js';
import type { DiscordConfig } from './discord-deps.js';
import { startDiscord } from './start-discord.js';
import { configFor } from './testing/bot-harness.js';
import { FakeDiscord } from './testing/fake-discord.js';

describe('startDiscord', () => {
  let fake: FakeDiscord;
  let seeded: SeededBriefing;

  const start = async (config: Partial<DiscordConfig>) => {
    fake = await FakeDiscord.start();
    seeded = await createSeededBriefing();
    return startDiscord({
      config: { ...configFor(fake), ...config },
      briefing: seeded.briefing,
      conversations: seeded.conversations,
      feedback: seeded.feedback,
      clock: seeded.clock,
      logger: silentLogger,
      readyTimeoutMs: 5_000,
    });
  };
  afterEach(async () => {
    await fake?.close();
    seeded?.close();
  });

  it('discovers the gateway from DISCORD_API_URL, connects, and disconnects on stop', async () => {
    const bot = await start({});
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: '/gateway/bot',
      authorization: `Bot ${fake.state.token}`,
    });
    expect(fake.gateway.identifies).toHaveLength(1);
    await bot.stop();
    await vi.waitFor(() => expect(fake.gateway.wss.clients.size).toBe(0));
  });

  it('refuses to start without DISCORD_TOKEN', async () => {
    await expect(start({ DISCORD_TOKEN: undefined })).rejects.toThrow(/DISCORD_TOKEN is required/);
  });

  it('names DISCORD_TOKEN when Discord rejects it', async () => {
    const attempt = start({ DISCORD_TOKEN: 'not-the-token' });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/DISCORD_TOKEN was rejected/);
  });

  it('names DISCORD_MESSAGE_CONTENT when the intent is not enabled in the portal', async () => {
    fake = await FakeDiscord.start();
    fake.gateway.messageContentEnabled = false;
    seeded = await createSeededBriefing();
    const attempt = startDiscord({
      config: configFor(fake, { DISCORD_MESSAGE_CONTENT: true }),
      briefing: seeded.briefing,
      conversations: seeded.conversations,
      feedback: seeded.feedback,
      clock: seeded.clock,
      logger: silentLogger,
    });
    await expect(attempt).rejects.toThrow(
      /DISCORD_MESSAGE_CONTENT is true but the Message Content intent is off/,
    );
  });
});
