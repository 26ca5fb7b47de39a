/**
 * @module adapters/discord/feed-subcommands
 * `/brief feeds action:add|list|remove urls:<...> every:<1h>` on Discord, over the shared feed commands
 * (feeds/feed-chat-commands). Managing the server (Manage Server) counts as admin, as for digests.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import type { FeedChatCommands } from '../../feeds/feed-chat-commands.js';
import type { BriefSubcommand, BriefSubcommandDefinition } from './subcommand.js';

export const FEEDS_DEFINITION: BriefSubcommandDefinition = {
  name: 'feeds',
  description: 'The news feeds I poll for new articles: add, list or remove them',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'action',
      description: 'add, list or remove',
      required: true,
      choices: [
        { name: 'add', value: 'add' },
        { name: 'list', value: 'list' },
        { name: 'remove', value: 'remove' },
      ],
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'urls',
      description: 'Feed URLs, separated by spaces (add, remove)',
      max_length: 1000,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'every',
      description: 'How often to poll, e.g. 15m or 1h (add; default BRIEF_FEED_EVERY)',
      max_length: 20,
    },
  ],
};

export function discordFeedSubcommands(deps: { commands: FeedChatCommands }): BriefSubcommand[] {
  return [
    {
      ...FEEDS_DEFINITION,
      visibility: 'ephemeral',
      run: async ({ interaction, userId }) => {
        const action = interaction.options.getString('action') ?? '';
        const urls = interaction.options.getString('urls') ?? '';
        const every = interaction.options.getString('every');
        const args = [action, urls, every ? `every ${every}` : ''].join(' ').trim();
        const text = await deps.commands.run(args, {
          platform: 'discord',
          workspaceId: interaction.guildId,
          channelId: interaction.channelId,
          userId,
          isAdmin: interaction.inGuild()
            ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false)
            : false,
        });
        return { messages: [{ content: text.slice(0, 2000) }] };
      },
    },
  ];
}
