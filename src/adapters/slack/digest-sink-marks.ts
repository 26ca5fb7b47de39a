/**
 * @module adapters/slack/digest-sink-marks
 * Marked posts on Slack (core/digest/post-once.ts): every message of a scheduled post carries message
 * metadata `{ event_type: "briefbot_<kind>", event_payload: { run_id, part, parts } }`, and a retry reads
 * the channel's history since the post's scheduled time (`conversations.history` with
 * `include_all_metadata`, which needs the channels:history / groups:history scopes the manifest has)
 * looking for the bot's message with that run id. Slack has no idempotency key for chat.postMessage;
 * this is how a post Slack accepted just before a crash is recognised instead of posted again.
 */
import type { PostMark } from '../../core/digest/post-once.js';
import type { SlackReply } from './blocks.js';
import { toMessages } from './blocks.js';
import { postMessages, type SlackMessageMetadata, type WebClient } from './post-messages.js';

/** How a marked post is looked for: how far before its time (clock skew), and how many pages at most. */
export const SLACK_MARK_LOOKUP = {
  /** History is read from this long before the mark's time, for skew between our clock and Slack's. */
  skewMs: 10 * 60_000,
  /** Messages per conversations.history page (Slack allows up to 999; 200 is its advice). */
  pageSize: 200,
  /** Pages read at most: 1,000 messages since the scheduled time, far more than a retry window holds. */
  maxPages: 5,
} as const;

export function markEventType(mark: Pick<PostMark, 'kind'>): string {
  return `briefbot_${mark.kind}`;
}

/** The metadata of message `index` of `count` of a marked post. */
export function markMetadata(mark: PostMark, index: number, count: number): SlackMessageMetadata {
  return {
    event_type: markEventType(mark),
    event_payload: { run_id: mark.id, part: index + 1, parts: count },
  };
}

/** Posts a reply at the top level of `channel`, every message carrying the mark; returns their ts. */
export function postMarked(
  client: WebClient,
  channel: string,
  reply: SlackReply,
  mark: PostMark,
): Promise<string[]> {
  return postMessages(client, { channel, threadTs: undefined }, toMessages(reply), (index, count) =>
    markMetadata(mark, index, count),
  );
}

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * The ts of the messages in `channel` that carry `mark`, newest first (empty when none). Throws the Web
 * API's error when Slack refuses the read; the caller maps it.
 */
export async function findMarked(client: WebClient, channel: string, mark: PostMark): Promise<string[]> {
  const oldest = ((Date.parse(mark.since) - SLACK_MARK_LOOKUP.skewMs) / 1000).toFixed(6);
  const eventType = markEventType(mark);
  const found: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < SLACK_MARK_LOOKUP.maxPages; page++) {
    const result = await client.conversations.history({
      channel,
      oldest,
      limit: SLACK_MARK_LOOKUP.pageSize,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of (result.messages ?? []) as HistoryMessage[]) {
      const metadata = message.metadata;
      if (metadata?.event_type === eventType && metadata.event_payload?.run_id === mark.id)
        found.push(message.ts ?? '');
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) break;
  }
  return found;
}
