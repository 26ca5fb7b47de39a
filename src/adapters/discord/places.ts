/**
 * @module adapters/discord/places
 * Where an interaction or message happened, in the terms conversation keys and permission checks use.
 */
import type { BaseInteraction, Message } from 'discord.js';
import type { DiscordPlace } from './conversation-keys.js';

export function placeOfInteraction(interaction: BaseInteraction): DiscordPlace {
  const channel = interaction.channel;
  return {
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? 'unknown',
    threadParentId: channel?.isThread() ? (channel.parentId ?? 'unknown') : null,
  };
}

export function placeOfMessage(message: Message): DiscordPlace {
  const channel = message.channel;
  return {
    guildId: message.guildId,
    channelId: message.channelId,
    threadParentId: channel.isThread() ? (channel.parentId ?? 'unknown') : null,
  };
}
