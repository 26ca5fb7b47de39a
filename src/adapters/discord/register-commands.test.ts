/**
 * `registerDiscordCommands` through discord.js's REST client against the fake Discord: the payload
 * is exactly the command definition, globally or for one guild, and refusals name what to fix.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { briefCommandDefinition } from './command-definition.js';
import { registerDiscordCommands } from './register-commands.js';
import { FakeDiscord } from './testing/fake-discord.js';

describe('registerDiscordCommands', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });
  afterEach(async () => {
    await fake.close();
  });
  const credentials = () => ({
    token: fake.state.token,
    applicationId: fake.state.applicationId,
    apiUrl: fake.apiUrl,
  });

  it('puts the /brief definition on the application, globally', async () => {
    const result = await registerDiscordCommands(credentials());
    expect(result).toEqual({ scope: 'global', count: 1 });
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${fake.state.applicationId}/commands`);
    expect(put?.authorization).toBe(`Bot ${fake.state.token}`);
    expect(put?.body).toEqual([briefCommandDefinition()]);
  });

  it('registers for one guild, including extra subcommands', async () => {
    const guildId = fake.state.guilds[0]?.id as string;
    const digest = {
      name: 'digest',
      description: 'Today’s briefing',
      options: [
        { type: ApplicationCommandOptionType.String as const, name: 'topic', description: 'A topic' },
      ],
    };
    const result = await registerDiscordCommands({ ...credentials(), guildId, extraSubcommands: [digest] });
    expect(result).toEqual({ scope: 'guild', count: 1 });
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${fake.state.applicationId}/guilds/${guildId}/commands`);
    const [command] = (put?.body ?? []) as unknown as ReturnType<typeof briefCommandDefinition>[];
    expect(command?.options?.map((o) => o.name)).toEqual(['ask', 'search', 'sources', 'help', 'digest']);
  });

  it('names DISCORD_TOKEN when Discord rejects the token', async () => {
    const attempt = registerDiscordCommands({ ...credentials(), token: 'wrong' });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/DISCORD_TOKEN was rejected/);
  });

  it('says to invite the bot first when the guild is not one of its servers', async () => {
    await expect(registerDiscordCommands({ ...credentials(), guildId: '123456789012' })).rejects.toThrow(
      /invite the bot there first/,
    );
  });

  it('refuses a guild id that is not a number before calling Discord', async () => {
    await expect(registerDiscordCommands({ ...credentials(), guildId: 'my-server' })).rejects.toThrow(
      /numeric server id/,
    );
    expect(fake.requests).toEqual([]);
  });
});
