/**
 * @module adapters/slack/digest-sink
 * Scheduled digests into Slack: posts the digest in the subscribed channel with the run's mark as message
 * metadata, finds it there before a retry (digest-sink-marks.ts), remembers it as the first turn of the
 * message's thread (so replies there are answered with its stories as context), and DMs the subscriber
 * when a digest could not be posted.
 */
import { webApi } from '@slack/bolt';
import type { Digest } from '../../core/digest/digest.js';
import type { DigestSink } from '../../core/digest/digest-ports.js';
import { digestTurn } from '../../core/digest/digest-turn.js';
import type { Subscription } from '../../core/digest/subscription.js';
import { asBriefError, type BriefError, DeliveryError } from '../../core/errors.js';
import type { Clock, ConversationStore, Logger } from '../../core/ports.js';
import { mrkdwnReply } from './blocks.js';
import { renderDigest } from './digest-render.js';
import { findMarked, postMarked } from './digest-sink-marks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { toDeliveryError } from './slack-errors.js';
import { conversationKey } from './slack-runtime.js';
import type { SlackHandle } from './start-slack.js';

export interface SlackDigestSinkDeps {
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
}

/** Slack's `ok: false` reasons that may pass if the same post is tried later; all others will not. */
const TRANSIENT_REASONS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** What the subscriber is told for the refusals someone can act on. */
const REASON_HELP: Record<string, string> = {
  channel_not_found: 'the channel no longer exists, or I cannot see it',
  not_in_channel: 'I am not a member of the channel; invite me with /invite @Briefbot',
  is_archived: 'the channel is archived',
  account_inactive: 'my Slack account is deactivated; the app may have been uninstalled',
  invalid_auth: 'my Slack token is no longer valid; the app needs reinstalling',
  token_revoked: 'my Slack token was revoked; the app needs reinstalling',
  missing_scope: 'the app lacks a permission; reinstall it from slack/manifest.yaml',
  restricted_action: 'the workspace does not allow me to post in that channel',
};

export function createSlackDigestSink(
  handle: Pick<SlackHandle, 'post' | 'client'>,
  deps: SlackDigestSinkDeps,
): DigestSink {
  const { conversations, clock, logger } = deps;

  /** The digest is already posted: failing to remember it only costs follow-up context, so it is only logged. */
  async function rememberDigest(sub: Subscription, digest: Digest, posted: string[]): Promise<void> {
    const turn = digestTurn(digest);
    for (const ts of posted.filter((t) => t !== '')) {
      const key = conversationKey(sub.workspaceId ?? '', sub.channelId, ts);
      try {
        await conversations.appendTurn(key, turn, clock.now().toISOString());
      } catch (error) {
        const failure = asBriefError(error);
        logger.error('slack digest turn not remembered', {
          code: failure.code,
          cause: failure.cause ?? failure,
          conversation: key,
        });
      }
    }
  }

  return {
    async deliver(sub, digest, { emptyText, mark }) {
      let posted: string[];
      try {
        posted = await postMarked(handle.client, sub.channelId, renderDigest(digest, { emptyText }), mark);
      } catch (error) {
        throw digestDeliveryError(error);
      }
      if (digest.stories.length > 0) await rememberDigest(sub, digest, posted);
    },

    async findDelivered(sub, mark) {
      let found: string[];
      try {
        found = await findMarked(handle.client, sub.channelId, mark);
      } catch (error) {
        throw digestDeliveryError(toDeliveryError(error, 'conversations.history'), 'reading the channel');
      }
      if (found.length > 0)
        logger.info('slack digest found in the channel', {
          subscriptionId: sub.id,
          runId: mark.id,
          ts: found,
        });
      return found.length > 0;
    },

    async notifyFailure(sub, message) {
      const about = sub.topic ? ` about “${escapeMrkdwn(sub.topic)}”` : '';
      const text =
        `:warning: The digest${about} for ${channelMention(sub.channelId)} did not go out. ${escapeMrkdwn(message)}\n` +
        'To stop it, run `/brief unsubscribe` in that channel; `/brief subscriptions` there lists its digests.';
      try {
        await handle.post(sub.createdBy, mrkdwnReply(text));
      } catch (error) {
        const failure = asBriefError(error);
        logger.error('slack digest failure not reported to the subscriber', {
          code: failure.code,
          cause: failure.cause ?? failure,
          subscriptionId: sub.id,
          user: sub.createdBy,
          message,
        });
      }
    },
  };
}

/**
 * Says whether trying the post later may help: 429, 5xx and network failures (already retried inside the
 * Web API client) may; a refusal such as channel_not_found or not_in_channel will not.
 */
export function digestDeliveryError(error: unknown, what = 'the digest'): BriefError {
  if (!(error instanceof DeliveryError)) return asBriefError(error);
  const cause = error.cause as
    | { code?: unknown; data?: { error?: unknown }; original?: { message?: unknown } }
    | undefined;
  // The Web API client reports a 429 that outlasted its retries as a request error.
  if (cause?.code === webApi.ErrorCode.RequestError && /rate limit/i.test(String(cause.original?.message))) {
    return new DeliveryError(`Slack rate-limited ${what}`, true, { cause });
  }
  if (cause?.code !== webApi.ErrorCode.PlatformError) return error;
  const reason = String(cause.data?.error ?? 'unknown_error');
  const help = REASON_HELP[reason];
  return new DeliveryError(
    `Slack refused ${what} (${reason})${help ? `: ${help}` : ''}`,
    TRANSIENT_REASONS.has(reason),
    { cause },
  );
}

/** `<#C123>` shows as the channel's name; anything that is not a plain id is shown escaped instead. */
function channelMention(channelId: string): string {
  return /^[CGD][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
}
