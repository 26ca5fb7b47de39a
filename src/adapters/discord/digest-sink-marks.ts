/**
 * @module adapters/discord/digest-sink-marks
 * Marked posts on Discord (core/digest/post-once.ts). Each message of a scheduled post is sent with a
 * `nonce` derived from the mark and its position, with `enforce_nonce`: Discord then returns the first
 * message instead of creating a second one when the same nonce comes again within a few minutes (a
 * retry right after a crash). Discord does not keep nonces on fetched messages, so the first message also
 * ends with a small marker line (`-# digest 1a2b3c4d5e6f`, subtext), which a retry looks for among the
 * channel's recent messages by the bot. Needs Read Message History, which subscribing checks.
 */
import { createHash } from 'node:crypto';
import { type Client, type Message, SnowflakeUtil } from 'discord.js';
import type { PostMark } from '../../core/digest/post-once.js';
import { DeliveryError } from '../../core/errors.js';
import { LIMITS, truncate } from './discord-limits.js';
import type { OutgoingMessage } from './subcommand.js';

/** How far back a retry looks: messages since the mark's time (less clock skew), 1,000 at most. */
export const DISCORD_MARK_LOOKUP = {
  skewMs: 10 * 60_000,
  pageSize: 100,
  maxPages: 10,
} as const;

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The nonce of message `index` of a marked post: 25 characters, Discord's maximum. */
export function markNonce(mark: PostMark, index: number): string {
  return digestOf(`${mark.kind}:${mark.id}:${index}`).slice(0, 25);
}

/** The marker line the first message ends with: small grey text, unique to the post. */
export function markLine(mark: PostMark): string {
  return `-# ${mark.kind} ${digestOf(`${mark.kind}:${mark.id}`).slice(0, 12)}`;
}

/** The first message with the marker line appended (its text shortened to make room if need be). */
export function withMarkLine(message: OutgoingMessage, mark: PostMark): OutgoingMessage {
  const line = markLine(mark);
  const content = message.content ?? '';
  const room = LIMITS.content - line.length - 1;
  return { ...message, content: content === '' ? line : `${truncate(content, room)}\n${line}` };
}

/**
 * The ids of the bot's messages in `channelId` that end with the mark's line, newest first: pages
 * back from the newest message until one older than the mark's time (less skew), at most `maxPages`.
 * Rejects with discord.js's error when Discord refuses the read.
 */
export async function findMarked(client: Client, channelId: string, mark: PostMark): Promise<string[]> {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isTextBased() || !('messages' in channel)) {
    throw new DeliveryError(`channel ${channelId} has no messages I can read`, false);
  }
  const line = markLine(mark);
  const oldest = Date.parse(mark.since) - DISCORD_MARK_LOOKUP.skewMs;
  const me = client.user?.id;
  const found: string[] = [];
  let before: string | undefined;
  for (let page = 0; page < DISCORD_MARK_LOOKUP.maxPages; page++) {
    const batch = await channel.messages.fetch({
      limit: DISCORD_MARK_LOOKUP.pageSize,
      cache: false,
      ...(before ? { before } : {}),
    });
    const messages = [...batch.values()] as Message[];
    for (const message of messages) {
      if (message.author.id === me && message.content.split('\n').at(-1) === line) found.push(message.id);
    }
    const last = messages.reduce<string | undefined>(
      (min, m) => (min === undefined || BigInt(m.id) < BigInt(min) ? m.id : min),
      undefined,
    );
    if (!last || messages.length < DISCORD_MARK_LOOKUP.pageSize) break;
    if (SnowflakeUtil.timestampFrom(last) < oldest) break;
    before = last;
  }
  return found;
}
