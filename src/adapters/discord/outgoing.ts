/**
 * @module adapters/discord/outgoing
 * Every message the bot sends goes through here, so none can ping @everyone, @here, roles or users:
 * article text is quoted verbatim and must stay inert.
 */
import type { MessageMentionOptions } from 'discord.js';
import type { OutgoingMessage } from './subcommand.js';

export const NO_MENTIONS: MessageMentionOptions = Object.freeze({ parse: [] });

/** The discord.js options for one message, with mentions disabled. */
export function safePayload(message: OutgoingMessage) {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
}

/** The options for an edit that replaces a message whole: text the new message lacks is cleared. */
export function replacingPayload(message: OutgoingMessage) {
  return { ...safePayload(message), content: message.content ?? null };
}

/** A plain-text message (already short: user-facing lines are one sentence or two). */
export function textMessage(content: string): OutgoingMessage {
  return { content };
}
