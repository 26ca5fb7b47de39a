/**
 * @module adapters/discord/digest-sink
 * The DigestSink for Discord: posts a scheduled digest in its channel, each message with the run's nonce
 * (enforced) and the first with its marker line, finds it there before a retry (digest-sink-marks.ts),
 * and remembers it as a conversation turn, so replies to it (and a thread started from it) are
 * follow-ups; tells the subscriber by direct message when a digest could not be posted.
 */
import type { Digest } from '../../core/digest/digest.js';
import type { DigestSink } from '../../core/digest/digest-ports.js';
import { digestTurn } from '../../core/digest/digest-turn.js';
import type { Subscription } from '../../core/digest/subscription.js';
import type { Clock, ConversationKey, ConversationStore, Logger } from '../../core/ports.js';
import { conversationKeyFor, rootFor } from './conversation-keys.js';
import type { PostedMessage } from './deliver.js';
import { renderDigest } from './digest-render.js';
import { markNonce, withMarkLine } from './digest-sink-marks.js';
import { logFailure, toBriefError, toDeliveryError } from './discord-errors.js';
import { LIMITS, truncate } from './discord-limits.js';
import type { RunningDiscord } from './start-discord.js';

/** The part of the running bot the sink posts through. */
export type DiscordPoster = Pick<RunningDiscord, 'post' | 'sendDirect' | 'findMarked'>;

export interface DiscordDigestSinkOptions {
  /** The same store the bot's message handler reads, so replies to a digest find it. */
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
}

const DISCORD_USER_ID = /^\d{5,25}$/;

export function createDiscordDigestSink(
  poster: DiscordPoster,
  options: DiscordDigestSinkOptions,
): DigestSink {
  const { conversations, clock, logger } = options;

  async function remember(
    digest: Digest,
    posted: readonly PostedMessage[],
    where: Record<string, unknown>,
  ): Promise<void> {
    const keys = new Set<ConversationKey>(
      posted.map((p) => conversationKeyFor(p.place, rootFor(p.place, p.id))),
    );
    const turn = digestTurn(digest);
    try {
      for (const key of keys) await conversations.appendTurn(key, turn, clock.now().toISOString());
    } catch (caught) {
      // Already posted: follow-ups lose their context, but the digest must not be posted again.
      logFailure(logger, 'discord digest: could not remember it for follow-ups', toBriefError(caught), where);
    }
  }

  return {
    async deliver(sub, digest, { emptyText, mark }) {
      const where = { subscriptionId: sub.id, guildId: sub.workspaceId, channelId: sub.channelId };
      const posted: PostedMessage[] = [];
      for (const [i, rendered] of renderDigest(digest, { emptyText }).entries()) {
        const message = i === 0 ? withMarkLine(rendered, mark) : rendered;
        try {
          posted.push(await poster.post(sub.channelId, message, { nonce: markNonce(mark, i) }));
        } catch (caught) {
          const error = toDeliveryError(caught);
          if (posted.length === 0) throw error;
          // Part of it is in the channel: failing now would make the scheduler post that part again.
          logFailure(logger, 'discord digest: only part of it was posted', error, {
            ...where,
            posted: posted.length,
          });
          break;
        }
      }
      if (digest.stories.length > 0) await remember(digest, posted, where);
      logger.info('discord digest posted', {
        ...where,
        stories: digest.stories.length,
        messageIds: posted.map((p) => p.id),
      });
    },

    async findDelivered(sub, mark) {
      let found: string[];
      try {
        found = await poster.findMarked(sub.channelId, mark);
      } catch (caught) {
        throw toDeliveryError(caught);
      }
      if (found.length > 0)
        logger.info('discord digest found in the channel', {
          subscriptionId: sub.id,
          runId: mark.id,
          messageIds: found,
        });
      return found.length > 0;
    },

    async notifyFailure(sub: Subscription, message: string) {
      const where = { subscriptionId: sub.id, channelId: sub.channelId, userId: sub.createdBy };
      if (!DISCORD_USER_ID.test(sub.createdBy)) {
        // Not a person to DM (DIGEST_CHANNELS subscriptions never get here: the scheduler logs those).
        logger.warn('discord digest failed; no subscriber to tell', { ...where, message });
        return;
      }
      const content = truncate(
        `About the digest you set up in <#${sub.channelId}>: ${message}`,
        LIMITS.content,
      );
      try {
        await poster.sendDirect(sub.createdBy, { content });
        logger.info('discord digest: told the subscriber it failed', where);
      } catch (caught) {
        logFailure(
          logger,
          'discord digest: could not tell the subscriber it failed',
          toDeliveryError(caught),
          where,
        );
      }
    },
  };
}
