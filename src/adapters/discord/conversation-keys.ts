/**
 * @module adapters/discord/conversation-keys
 * Where a Discord conversation lives: a thread is one conversation; elsewhere a conversation is the
 * chain of replies that grows from its first question (the "root").
 */
import type { ConversationKey } from '../../core/ports.js';

/** Where a message or interaction happened. */
export interface DiscordPlace {
  /** null in direct messages. */
  guildId: string | null;
  channelId: string;
  /** Set when the channel is a thread: the channel the thread belongs to. */
  threadParentId: string | null;
}

/** `discord:<guild>:<channel>:<thread>` in threads, `discord:<guild|dm>:<channel>:<root>` elsewhere. */
export function conversationKeyFor(place: DiscordPlace, rootId: string): ConversationKey {
  if (place.threadParentId !== null) {
    return `discord:${place.guildId ?? 'dm'}:${place.threadParentId}:${place.channelId}`;
  }
  return `discord:${place.guildId ?? 'dm'}:${place.channelId}:${rootId}`;
}

/** The root a new conversation gets: in a thread the thread itself, elsewhere the first question's id. */
export function rootFor(place: DiscordPlace, questionId: string): string {
  return place.threadParentId !== null ? place.channelId : questionId;
}
