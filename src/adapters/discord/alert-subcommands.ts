/**
 * @module adapters/discord/alert-subcommands
 * `/brief alert topic:<t> [action:add|list|remove] [quiet:22:00-07:00] [tz:<zone>]` on Discord, over the
 * shared alert commands (core/alerts/alert-chat-commands). Managing the server (Manage Server) counts as
 * admin, as for digests; adding is refused at once where the bot could not post.
 */
import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import type { AlertChatCommands, AlertChatRequest } from '../../core/alerts/alert-chat-commands.js';
import { BadRequestError } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import { refuseWhereBotCannotPost } from './digest-subcommands.js';
import { suggestTimeZones } from './digest-time-zones.js';
import { LIMITS, splitText } from './discord-limits.js';
import type { BriefSubcommand, BriefSubcommandDefinition } from './subcommand.js';

export const ALERT_DEFINITION: BriefSubcommandDefinition = {
  name: 'alert',
  description: 'Post each new story about a topic here once; later outlets go in its thread',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'What to watch for, e.g. "AI chips" (add, remove)',
      max_length: 200,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'action',
      description: 'add (default), list or remove',
      choices: [
        { name: 'add', value: 'add' },
        { name: 'list', value: 'list' },
        { name: 'remove', value: 'remove' },
      ],
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'quiet',
      description: 'Quiet hours, e.g. 22:00-07:00: found then, posted after (add)',
      max_length: 20,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'tz',
      description: 'Time zone of the quiet hours and the daily cap, e.g. Europe/Berlin (add)',
      autocomplete: true,
      max_length: 64,
    },
  ],
};

export function discordAlertSubcommands(deps: {
  commands: AlertChatCommands;
  clock: Clock;
}): BriefSubcommand[] {
  return [
    {
      ...ALERT_DEFINITION,
      visibility: 'ephemeral',
      validate: ({ interaction }) => {
        if (requestOf(interaction).action === 'add')
          refuseWhereBotCannotPost(interaction, 'alerts', 'add the alert again');
      },
      run: async ({ interaction, userId }) => {
        const text = await deps.commands.run(requestOf(interaction), {
          platform: 'discord',
          workspaceId: interaction.guildId,
          channelId: interaction.channelId,
          userId,
          // In a DM the alert is the person's own, as a digest there is.
          isAdmin: interaction.inGuild()
            ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false)
            : true,
        });
        return { messages: splitText(text, LIMITS.content).map((content) => ({ content })) };
      },
      autocomplete: ({ focused }) =>
        focused.name === 'tz' ? suggestTimeZones(focused.value, deps.clock.now()) : [],
    },
  ];
}

/** Discord's options as the shared request; the topic is taken whole (no keywords read from it). */
function requestOf(interaction: Pick<ChatInputCommandInteraction, 'options'>): AlertChatRequest {
  const { options } = interaction;
  const action = options.getString('action') ?? 'add';
  const topic = (options.getString('topic') ?? '').trim();
  if (action === 'list') return { action: 'list' };
  if (topic === '')
    throw new BadRequestError(
      action === 'remove'
        ? 'Say which alert to remove: `/brief alert action:remove topic:AI chips`.'
        : 'Say what to watch for: `/brief alert topic:AI chips` (`action:list` shows this channel’s alerts).',
    );
  if (action === 'remove') return { action: 'remove', topic };
  return { action: 'add', topic, quiet: options.getString('quiet'), timezone: options.getString('tz') };
}
