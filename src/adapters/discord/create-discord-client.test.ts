/**
 * The client's connection settings: the fewest gateway intents, and DISCORD_API_URL in the form
 * discord.js's `rest.api` expects.
 */
import { GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { intentsFor, restBaseUrl } from './create-discord-client.js';

describe('intentsFor', () => {
  it('asks for guilds, guild messages and DMs, and message content only when turned on', () => {
    const base = [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
    ];
    expect(intentsFor({ DISCORD_MESSAGE_CONTENT: false })).toEqual(base);
    expect(intentsFor({ DISCORD_MESSAGE_CONTENT: true })).toEqual([
      ...base,
      GatewayIntentBits.MessageContent,
    ]);
  });
});

describe('restBaseUrl', () => {
  it('accepts the base with or without a trailing slash or API version', () => {
    for (const given of [
      'http://127.0.0.1:8080/api',
      'http://127.0.0.1:8080/api/',
      'http://127.0.0.1:8080/api/v10/',
    ]) {
      expect(restBaseUrl(given)).toBe('http://127.0.0.1:8080/api');
    }
  });
});
