import { describe, expect, it } from 'vitest';
import type { FeedSubscription, Logger } from '../core/ports.js';
import type { FeedPollResult } from './poll-feed.js';
import { createDisabledFeedTeller } from './tell-disabled-feed.js';

const feed = (addedBy: string) => ({ url: 'https://a.example/rss', addedBy }) as FeedSubscription;
const result = { error: 'could not fetch: HTTP 404', disabled: true } as FeedPollResult;

function recorder() {
  const lines: { level: string; message: string }[] = [];
  const log =
    (level: string) =>
    (message: string): void =>
      void lines.push({ level, message });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { lines, logger };
}

describe('createDisabledFeedTeller', () => {
  it('sends whoever added the feed in chat a DM with the last error', async () => {
    const sent: string[] = [];
    const { logger, lines } = recorder();
    const tell = createDisabledFeedTeller(
      {
        slack: {
          direct: async (user, text) => void sent.push(`dm ${user}: ${text}`),
          channel: async (channel) => void sent.push(`channel ${channel}`),
        },
      },
      logger,
    );
    await tell(feed('slack:T1:C1:U1'), result);
    expect(sent).toEqual([
      expect.stringMatching(/^dm U1: I stopped polling .*last error: could not fetch: HTTP 404/),
    ]);
    expect(lines).toEqual([{ level: 'warn', message: 'feed disabled after a week of failures' }]);
  });

  it('posts in the channel it was added from when the DM cannot be sent', async () => {
    const sent: string[] = [];
    const { logger } = recorder();
    const tell = createDisabledFeedTeller(
      {
        discord: {
          direct: async () => {
            throw new Error('Cannot send messages to this user');
          },
          channel: async (channel, text) => void sent.push(`${channel}: ${text}`),
        },
      },
      logger,
    );
    await tell(feed('discord:-:123:456'), result);
    expect(sent).toEqual([
      expect.stringMatching(/^123: I stopped polling the feed https:\/\/a\.example\/rss/),
    ]);
  });

  it('logs an error when neither reaches them, and only logs a feed added from the CLI', async () => {
    const { logger, lines } = recorder();
    const fail = async () => {
      throw new Error('not_in_channel');
    };
    const tell = createDisabledFeedTeller({ slack: { direct: fail, channel: fail } }, logger);
    await tell(feed('slack:T1:C1:U1'), result);
    await tell(feed('cli'), result);
    expect(lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      'warn feed disabled after a week of failures',
      'error could not tell who added a disabled feed',
      'warn feed disabled after a week of failures',
    ]);
  });
});
