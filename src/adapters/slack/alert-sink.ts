/**
 * @module adapters/slack/alert-sink
 * Story alerts into Slack (the core's AlertSink): a new story is one `chat.postMessage` in the alert's
 * channel, outlets that report it later one reply in its thread (`thread_ts`). Every message carries
 * the story's mark as message metadata, as digests do (digest-sink-marks.ts), so a retry or a takeover
 * finds a post Slack accepted before a crash (`conversations.history`, or `conversations.replies` for
 * the thread) instead of posting it again.
 */
import type { Alert } from '../../core/alerts/alert.js';
import type { AlertSink, AlertSource, AlertStoryView } from '../../core/alerts/alert-ports.js';
import type { PostMark } from '../../core/digest/post-once.js';
import { DeliveryError } from '../../core/errors.js';
import { type SlackReply, sections, toMessages } from './blocks.js';
import { digestDeliveryError } from './digest-sink.js';
import { findMarked, markEventType, markMetadata, SLACK_MARK_LOOKUP } from './digest-sink-marks.js';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';
import { postMessages, type WebClient } from './post-messages.js';
import { toDeliveryError } from './slack-errors.js';
import type { SlackHandle } from './start-slack.js';

export function createSlackAlertSink(handle: Pick<SlackHandle, 'client'>): AlertSink {
  const { client } = handle;
  const post = async (alert: Alert, threadTs: string | undefined, reply: SlackReply, mark: PostMark) => {
    try {
      return await postMessages(client, { channel: alert.channelId, threadTs }, toMessages(reply), (i, n) =>
        markMetadata(mark, i, n),
      );
    } catch (error) {
      throw digestDeliveryError(error, 'the alert');
    }
  };
  return {
    async postStory(alert, view, mark) {
      const [ts] = await post(alert, undefined, renderAlertStory(view), mark);
      if (!ts) throw new DeliveryError('Slack returned no ts for the alert', true);
      return ts;
    },
    async postSources(alert, messageId, view, mark) {
      await post(alert, messageId, renderAlertSources(view), mark);
    },
    async findPosted(alert, mark, threadOf) {
      try {
        const found = threadOf
          ? await findMarkedReply(client, alert.channelId, threadOf, mark)
          : await findMarked(client, alert.channelId, mark);
        // Newest first: a story split over two messages is known by its first, the oldest.
        return found.at(-1) ?? null;
      } catch (error) {
        throw digestDeliveryError(toDeliveryError(error, 'reading the channel'), 'reading the channel');
      }
    },
  };
}

/** The first post: the topic, the story's headline, and the outlets reporting it so far. */
export function renderAlertStory(view: AlertStoryView): SlackReply {
  const head = `:rotating_light: New story on “${escapeMrkdwn(view.topic)}”: *${escapeMrkdwn(view.headline)}*`;
  const text = [head, ...sourceLines(view)].join('\n');
  return {
    text: `New story on “${escapeMrkdwn(view.topic)}”: ${escapeMrkdwn(view.headline)}`,
    blocks: sections(text),
  };
}

/** A thread reply: the outlets that reported the story since. */
export function renderAlertSources(view: AlertStoryView): SlackReply {
  const count = view.sources.length + view.more;
  const head = `:heavy_plus_sign: Also reported by ${count === 1 ? 'one more outlet' : `${count} more outlets`}:`;
  const text = [head, ...sourceLines(view)].join('\n');
  return { text: head, blocks: sections(text) };
}

function sourceLines(view: AlertStoryView): string[] {
  const lines = view.sources.map(sourceLine);
  if (view.more > 0) lines.push(`…and ${view.more} more`);
  return lines;
}

function sourceLine(source: AlertSource): string {
  const outlet = source.outlet ? ` — ${escapeMrkdwn(source.outlet)}` : '';
  return `• ${mrkdwnLink(source.url, source.title)}${outlet}`;
}

interface ReplyMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** The ts of the replies in `threadTs`'s thread that carry `mark`, newest first. */
async function findMarkedReply(
  client: WebClient,
  channel: string,
  threadTs: string,
  mark: PostMark,
): Promise<string[]> {
  const oldest = ((Date.parse(mark.since) - SLACK_MARK_LOOKUP.skewMs) / 1000).toFixed(6);
  const eventType = markEventType(mark);
  const found: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < SLACK_MARK_LOOKUP.maxPages; page++) {
    const result = await client.conversations.replies({
      channel,
      ts: threadTs,
      oldest,
      limit: SLACK_MARK_LOOKUP.pageSize,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of (result.messages ?? []) as ReplyMessage[]) {
      const metadata = message.metadata;
      if (
        message.ts !== threadTs &&
        metadata?.event_type === eventType &&
        metadata.event_payload?.run_id === mark.id
      )
        found.unshift(message.ts ?? '');
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) break;
  }
  return found;
}
