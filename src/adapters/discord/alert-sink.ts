/**
 * @module adapters/discord/alert-sink
 * Story alerts into Discord (the core's AlertSink): a new story is one message in the alert's channel,
 * outlets that report it later one reply to that message. Each message carries the story's mark as
 * digests do (digest-sink-marks.ts): a nonce with `enforce_nonce` and a marker line, which a retry or a
 * takeover looks for among the channel's recent messages (replies are channel messages too) instead of
 * posting again.
 */
import type { Alert } from '../../core/alerts/alert.js';
import type { AlertSink, AlertSource, AlertStoryView } from '../../core/alerts/alert-ports.js';
import type { PostMark } from '../../core/digest/post-once.js';
import type { DiscordPoster } from './digest-sink.js';
import { markNonce, withMarkLine } from './digest-sink-marks.js';
import { toDeliveryError } from './discord-errors.js';
import { LIMITS, truncate } from './discord-limits.js';
import { linkedTitle, outletName, plain } from './render-parts.js';
import type { OutgoingMessage } from './subcommand.js';

export function createDiscordAlertSink(poster: Pick<DiscordPoster, 'post' | 'findMarked'>): AlertSink {
  const send = async (alert: Alert, message: OutgoingMessage, mark: PostMark, replyTo?: string) => {
    try {
      return await poster.post(alert.channelId, withMarkLine(message, mark), {
        nonce: markNonce(mark, 0),
        ...(replyTo ? { replyTo } : {}),
      });
    } catch (caught) {
      throw toDeliveryError(caught);
    }
  };
  return {
    async postStory(alert, view, mark) {
      return (await send(alert, renderAlertStory(view), mark)).id;
    },
    async postSources(alert, messageId, view, mark) {
      await send(alert, renderAlertSources(view), mark, messageId);
    },
    async findPosted(alert, mark) {
      try {
        // Newest first; one message per mark, so any is it.
        return (await poster.findMarked(alert.channelId, mark))[0] ?? null;
      } catch (caught) {
        throw toDeliveryError(caught);
      }
    },
  };
}

/** The first post: the topic, the story's headline, and the outlets reporting it so far. */
export function renderAlertStory(view: AlertStoryView): OutgoingMessage {
  const head = `🚨 New story on “${plain(view.topic)}”: **${truncate(plain(view.headline), 300)}**`;
  return { content: truncate([head, ...sourceLines(view)].join('\n'), LIMITS.content - 40) };
}

/** The reply: the outlets that reported the story since. */
export function renderAlertSources(view: AlertStoryView): OutgoingMessage {
  const count = view.sources.length + view.more;
  const head = `➕ Also reported by ${count === 1 ? 'one more outlet' : `${count} more outlets`}:`;
  return { content: truncate([head, ...sourceLines(view)].join('\n'), LIMITS.content - 40) };
}

function sourceLines(view: AlertStoryView): string[] {
  const lines = view.sources.map(sourceLine);
  if (view.more > 0) lines.push(`…and ${view.more} more`);
  return lines;
}

function sourceLine(source: AlertSource): string {
  return `• ${linkedTitle(source.title, source.url)} — ${outletName(source.outlet)}`;
}
