/**
 * The `/brief` command JSON: the built-in subcommands with their options, extra subcommands after
 * them, and refusal of definitions Discord would reject.
 */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { briefCommandDefinition } from './command-definition.js';
import { DIGEST_SUBCOMMAND_DEFINITIONS } from './digest-definitions.js';

describe('briefCommandDefinition', () => {
  it('defines /brief with ask, search, sources and help, usable in servers and DMs', () => {
    const command = briefCommandDefinition();
    expect(command).toMatchObject({
      name: 'brief',
      type: ApplicationCommandType.ChatInput,
      contexts: [0, 1],
    });
    expect(command.options?.map((o) => [o.name, o.type])).toEqual([
      ['ask', ApplicationCommandOptionType.Subcommand],
      ['search', ApplicationCommandOptionType.Subcommand],
      ['sources', ApplicationCommandOptionType.Subcommand],
      ['help', ApplicationCommandOptionType.Subcommand],
    ]);
    const search = command.options?.find((o) => o.name === 'search');
    expect(search).toMatchObject({
      options: [
        { name: 'terms', required: true },
        { name: 'outlet', autocomplete: true },
        { name: 'limit', min_value: 1, max_value: 10 },
      ],
    });
    for (const option of command.options ?? []) {
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('appends extra subcommands after the built-ins', () => {
    const command = briefCommandDefinition([{ name: 'subscribe', description: 'Daily digest here' }]);
    expect(command.options?.at(-1)).toEqual({
      type: ApplicationCommandOptionType.Subcommand,
      name: 'subscribe',
      description: 'Daily digest here',
    });
  });

  it('includes the digest subcommands, with described options and time zone autocomplete', () => {
    const command = briefCommandDefinition(DIGEST_SUBCOMMAND_DEFINITIONS);
    expect(command.options?.map((o) => o.name)).toEqual([
      'ask',
      'search',
      'sources',
      'help',
      'digest',
      'subscribe',
      'unsubscribe',
      'subscriptions',
    ]);
    const subscribe = command.options?.find((o) => o.name === 'subscribe');
    expect(subscribe).toMatchObject({
      options: [
        { name: 'schedule', type: ApplicationCommandOptionType.String },
        { name: 'tz', type: ApplicationCommandOptionType.String, autocomplete: true },
        { name: 'topic', type: ApplicationCommandOptionType.String },
        { name: 'quiet', type: ApplicationCommandOptionType.Boolean },
      ],
    });
    const options = (command.options ?? []).flatMap((o) =>
      o.type === ApplicationCommandOptionType.Subcommand ? (o.options ?? []) : [],
    );
    for (const option of options) {
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
    }
    expect(options.filter((o) => o.required)).toHaveLength(2); // ask's question and search's terms
  });

  it('refuses duplicate, badly named or undescribed subcommands', () => {
    expect(() => briefCommandDefinition([{ name: 'ask', description: 'again' }])).toThrow(
      /"ask" is defined twice/,
    );
    expect(() => briefCommandDefinition([{ name: 'Digest Now', description: 'x' }])).toThrow(
      /not a valid subcommand name/,
    );
    expect(() => briefCommandDefinition([{ name: 'digest', description: '' }])).toThrow(
      /needs a description/,
    );
  });
});
