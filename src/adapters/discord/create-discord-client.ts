/**
 * @module adapters/discord/create-discord-client
 * The discord.js Client as Briefbot runs it: the fewest intents that work, the REST base URL from
 * DISCORD_API_URL (the gateway URL is then discovered from it), and mentions off by default.
 */
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { DiscordConfig } from './discord-deps.js';
import { NO_MENTIONS } from './outgoing.js';

/**
 * Guilds (channels, threads, permissions), GuildMessages and DirectMessages (mentions and DMs carry
 * their content without the privileged intent). MessageContent only for free-text follow-ups.
 */
export function intentsFor(config: Pick<DiscordConfig, 'DISCORD_MESSAGE_CONTENT'>): GatewayIntentBits[] {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  if (config.DISCORD_MESSAGE_CONTENT) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

/** "http://host:port/api/" or ".../api/v10" → "http://host:port/api", the form discord.js `rest.api` takes. */
export function restBaseUrl(apiUrl: string): string {
  return apiUrl
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/v\d+$/, '');
}

export function createDiscordClient(config: DiscordConfig): Client {
  return new Client({
    intents: intentsFor(config),
    // DM channels are not cached until used; without this partial, DMs never reach messageCreate.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    ...(config.DISCORD_API_URL ? { rest: { api: restBaseUrl(config.DISCORD_API_URL) } } : {}),
  });
}
