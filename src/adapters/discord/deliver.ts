/**
 * @module adapters/discord/deliver
 * Sends a reply's messages where the question came from: an interaction's (deferred) reply plus
 * follow-ups, or a reply to a message plus further messages in its channel. Mentions always off.
 */
import {
  DiscordAPIError,
  type Interaction,
  type Message,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import { NO_MENTIONS, safePayload } from './outgoing.js';
import type { DiscordReply } from './subcommand.js';

export async function deliverToInteraction(
  interaction: RepliableInteraction,
  reply: DiscordReply,
): Promise<void> {
  const [first, ...rest] = reply.messages;
  if (first) await interaction.editReply(safePayload(first));
  for (const message of rest) {
    await interaction.followUp({
      ...safePayload(message),
      ...(interaction.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }
  reply.onDelivered?.();
}

export async function deliverToMessage(question: Message, reply: DiscordReply): Promise<void> {
  const [first, ...rest] = reply.messages;
  if (first) await question.reply(safePayload(first));
  for (const message of rest) {
    if (question.channel.isSendable()) await question.channel.send(safePayload(message));
  }
  reply.onDelivered?.();
}

/**
 * Tells the person one line about their interaction, only to them when it is still possible: a
 * fresh interaction gets an ephemeral reply; a deferred one gets its reply replaced.
 */
export async function tellInteraction(interaction: Interaction, line: string): Promise<void> {
  if (!interaction.isRepliable()) return;
  const content = { content: line, allowedMentions: NO_MENTIONS };
  if (!interaction.deferred && !interaction.replied) {
    try {
      await interaction.reply({ ...content, flags: MessageFlags.Ephemeral });
    } catch (error) {
      // Acknowledged although discord.js did not see it (e.g. the defer's response was lost): follow up.
      if (
        !(
          error instanceof DiscordAPIError &&
          error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
        )
      )
        throw error;
      await interaction.webhook.send({ ...content, flags: MessageFlags.Ephemeral });
    }
    return;
  }
  try {
    await interaction.editReply({ ...content, embeds: [], components: [] });
  } catch {
    await interaction.followUp({ ...content, flags: MessageFlags.Ephemeral });
  }
}
