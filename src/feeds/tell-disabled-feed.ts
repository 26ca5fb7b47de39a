/**
 * @module feeds/tell-disabled-feed
 * Who added a feed is told when it is disabled after a week of failures, with the last error: by DM on
 * the platform where they added it, else in the channel they added it from when the DM cannot be sent.
 * A feed added from the CLI or BRIEF_FEEDS is logged only (there is no one to message).
 */
import type { FeedSubscription, Logger } from '../core/ports.js';
import { chatPlaceOf, disabledFeedNotice } from './feed-chat-commands.js';
import type { FeedPollResult } from './poll-feed.js';

/** How one chat platform delivers the notice. */
export interface FeedNoticeChannel {
  direct(userId: string, text: string): Promise<void>;
  channel(channelId: string, text: string): Promise<void>;
}

export type FeedNoticeChannels = Partial<Record<'slack' | 'discord', FeedNoticeChannel>>;

export function createDisabledFeedTeller(
  channels: FeedNoticeChannels,
  logger: Logger,
): (feed: FeedSubscription, result: FeedPollResult) => Promise<void> {
  return async (feed, result) => {
    logger.warn('feed disabled after a week of failures', {
      url: feed.url,
      addedBy: feed.addedBy,
      error: result.error,
    });
    const place = chatPlaceOf(feed.addedBy);
    const deliver = place ? channels[place.platform] : undefined;
    if (!place || !deliver) return;
    const text = disabledFeedNotice(feed, result.error);
    try {
      await deliver.direct(place.userId, text);
    } catch (dmError) {
      try {
        await deliver.channel(place.channelId, text);
      } catch (error) {
        logger.error('could not tell who added a disabled feed', {
          url: feed.url,
          cause: error,
          dmCause: dmError,
        });
      }
    }
  };
}
