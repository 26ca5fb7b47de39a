/**
 * @module adapters/discord/button-handler
 * Clicks on the bot's buttons: 👍/👎 are stored as feedback (one vote per person, the last click
 * wins); Share reposts an ephemeral lookup in the channel for everyone.
 */
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { type ButtonAction, parseButtonId, type SharePart } from './button-ids.js';
import { tellInteraction } from './deliver.js';
import type { DiscordRuntime } from './discord-deps.js';
import { logFailure, toBriefError, userLine } from './discord-errors.js';
import { LIMITS, truncate } from './discord-limits.js';
import { NO_MENTIONS } from './outgoing.js';
import { missingPermissionLine, missingPermissions } from './permissions.js';

export async function handleButton(rt: DiscordRuntime, interaction: ButtonInteraction): Promise<void> {
  const action = parseButtonId(interaction.customId);
  const where = {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  };
  try {
    if (action === null) {
      rt.deps.logger.warn('discord unknown button', {
        code: 'bad_request',
        customId: interaction.customId,
        ...where,
      });
      await tellInteraction(interaction, 'This button is no longer in use.');
    } else if (action.kind === 'vote') {
      await vote(rt, interaction, action);
    } else {
      await share(rt, interaction, action.part);
    }
  } catch (caught) {
    const error = toBriefError(caught);
    logFailure(rt.deps.logger, 'discord button failed', error, { ...where, customId: interaction.customId });
    await tellInteraction(interaction, userLine(error)).catch((e: unknown) =>
      logFailure(rt.deps.logger, 'discord could not tell the user', toBriefError(e), where),
    );
  }
}

async function vote(
  rt: DiscordRuntime,
  interaction: ButtonInteraction,
  action: Extract<ButtonAction, { kind: 'vote' }>,
) {
  const { feedback, clock, logger } = rt.deps;
  const tally = await feedback.recordVote(
    action.answerId,
    interaction.user.id,
    action.vote,
    clock.now().toISOString(),
  );
  logger.info('discord feedback', {
    answerId: action.answerId,
    vote: action.vote,
    userId: interaction.user.id,
  });
  const mark = action.vote === 'up' ? '👍' : '👎';
  await interaction.reply({
    content: `Thanks, your ${mark} is recorded (so far ${tally.up} 👍 · ${tally.down} 👎).`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

async function share(
  rt: DiscordRuntime,
  interaction: ButtonInteraction,
  part: SharePart | null,
): Promise<void> {
  const inThread = interaction.channel?.isThread() ?? false;
  const missing = interaction.inGuild()
    ? missingPermissions(interaction.appPermissions, { inThread, asReply: false })
    : [];
  if (missing.length > 0) {
    rt.deps.logger.warn('discord cannot share here', {
      code: 'delivery',
      missing,
      channelId: interaction.channelId,
    });
    await tellInteraction(interaction, missingPermissionLine(missing));
    return;
  }
  // A digest's heading is the message text: it travels with the embeds.
  const text = interaction.message.content.trim();
  const which = part === null ? '' : ` (part ${part.index} of ${part.of})`;
  await interaction.reply({
    content: truncate(
      `Shared by <@${interaction.user.id}>${which}${text ? `\n${text}` : ''}`,
      LIMITS.content,
    ),
    embeds: interaction.message.embeds.map((embed) => embed.toJSON()),
    allowedMentions: NO_MENTIONS,
  });
}
