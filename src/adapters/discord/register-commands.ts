/**
 * @module adapters/discord/register-commands
 * `brief discord:register [--guild ID]`: puts the `/brief` command on Discord, for every server
 * (global: may take up to an hour to show) or for one server (instant; good for trying it out).
 */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { BadRequestError, type BriefError, ConfigError } from '../../core/errors.js';
import { briefCommandDefinition } from './command-definition.js';
import { restBaseUrl } from './create-discord-client.js';
import { toBriefError } from './discord-errors.js';
import type { BriefSubcommandDefinition } from './subcommand.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** DISCORD_API_URL: another REST base (tests, proxies). */
  apiUrl?: string | undefined;
  /** Register for this server only. */
  guildId?: string | undefined;
  /** The extra subcommands the bot runs with (digest, subscribe, ...), so Discord offers them. */
  extraSubcommands?: readonly BriefSubcommandDefinition[];
}

export async function registerDiscordCommands(
  options: RegisterOptions,
): Promise<{ scope: 'global' | 'guild'; count: number }> {
  if (options.guildId !== undefined && !/^\d{5,25}$/.test(options.guildId)) {
    throw new BadRequestError(`--guild must be a numeric server id (got "${options.guildId}")`);
  }
  const rest = new REST(options.apiUrl ? { api: restBaseUrl(options.apiUrl) } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  try {
    // PUT replaces the application's whole command list: /brief is the only command this bot has.
    const saved = (await rest.put(route, {
      body: [briefCommandDefinition(options.extraSubcommands)],
    })) as unknown[];
    return { scope: options.guildId ? 'guild' : 'global', count: saved.length };
  } catch (caught) {
    throw registrationFailure(caught, options);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

function registrationFailure(caught: unknown, options: RegisterOptions): BriefError {
  if (caught instanceof DiscordAPIError) {
    if (caught.status === 401) {
      return new ConfigError([
        'DISCORD_TOKEN was rejected by Discord: copy the bot token again from the developer portal',
      ]);
    }
    if (options.guildId && (caught.status === 403 || caught.status === 404)) {
      return new BadRequestError(
        `Discord refused commands for server ${options.guildId}: invite the bot there first (docs/DISCORD.md), then retry.`,
        { cause: caught },
      );
    }
    if (caught.status === 403 || caught.status === 404) {
      return new ConfigError([
        `DISCORD_APPLICATION_ID ${options.applicationId} does not belong to this bot token: copy both from the same application`,
      ]);
    }
  }
  return toBriefError(caught);
}
