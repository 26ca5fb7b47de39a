/**
 * @module adapters/discord/deliver
 * Sends a reply's messages where the question came from: an interaction's (deferred) reply plus
 * follow-ups, or replies to a message; or, unprompted (digests), a message in a channel or a direct
 * message. Mentions always off.
 */
import {
  type Client,
  DiscordAPIError,
  type Interaction,
  type Message,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import { DeliveryError } from '../../core/errors.js';
import type { DiscordPlace } from './conversation-keys.js';
import { NO_MENTIONS, replacingPayload, safePayload } from './outgoing.js';
import { placeOfMessage } from './places.js';
import type { DiscordReply, OutgoingMessage } from './subcommand.js';

/** A message the bot posted: its id and where it landed (for conversation keys). */
export interface PostedMessage {
  id: string;
  place: DiscordPlace;
}

/** How an unprompted post is sent. */
export interface PostOptions {
  /** Sent with `enforce_nonce`: the same nonce again within a few minutes returns the first message. */
  nonce?: string;
  /** Sent as a reply to this message of the channel (a plain message if it was deleted since). */
  replyTo?: string;
}

/** Posts one message in a channel or thread by id. Rejects with discord.js's error when Discord refuses. */
export async function postToChannel(
  client: Client,
  channelId: string,
  message: OutgoingMessage,
  options: PostOptions = {},
): Promise<PostedMessage> {
  // Over REST, so any shard can post in any server's channel (a digest's scheduler may run on another).
  const channel = await client.channels.fetch(channelId, { allowUnknownGuild: true });
  if (!channel?.isSendable()) {
    throw new DeliveryError(`channel ${channelId} does not take messages from me`, false);
  }
  const nonce = options.nonce ? { nonce: options.nonce, enforceNonce: true } : {};
  const reply = options.replyTo
    ? { reply: { messageReference: options.replyTo, failIfNotExists: false } }
    : {};
  const sent = await channel.send({ ...safePayload(message), ...nonce, ...reply });
  return { id: sent.id, place: placeOfMessage(sent) };
}

/** Sends one direct message to a user. Rejects with discord.js's error when Discord refuses. */
export async function sendDirect(
  client: Client,
  userId: string,
  message: OutgoingMessage,
): Promise<PostedMessage> {
  const sent = await client.users.send(userId, safePayload(message));
  return { id: sent.id, place: placeOfMessage(sent) };
}

/** Edits the (deferred) reply into the first message and follows up with the others. */
export async function deliverToInteraction(
  interaction: RepliableInteraction,
  reply: DiscordReply,
): Promise<void> {
  const [first, ...rest] = reply.messages;
  // The deferred reply may show a draft: the answer replaces all of it.
  if (first) await interaction.editReply(replacingPayload(first));
  for (const message of rest) {
    await interaction.followUp({
      ...safePayload(message),
      ...(interaction.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }
  await reply.onDelivered?.();
}

export async function deliverToMessage(question: Message, reply: DiscordReply): Promise<void> {
  await sendAfter(question, reply.messages);
  await reply.onDelivered?.();
}

/**
 * Sends messages of a reply, in order, each as a reply to the question: every message of an answer
 * then leads back to its question (and so to its conversation). If the question was deleted meanwhile,
 * they are posted as plain messages instead of being refused.
 */
export async function sendAfter(question: Message, messages: readonly OutgoingMessage[]): Promise<void> {
  for (const message of messages) await question.reply(replyPayload(message));
}

/** A reply's options: mentions off, and no refusal when the question is gone. */
export function replyPayload(message: OutgoingMessage) {
  return { ...safePayload(message), failIfNotExists: false };
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
