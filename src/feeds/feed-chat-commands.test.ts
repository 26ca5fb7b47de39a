import { describe, expect, it } from 'vitest';
import type { FeedSubscription } from '../core/ports.js';
import { chatPlaceOf, disabledFeedNotice } from './feed-chat-commands.js';

describe('chatPlaceOf', () => {
  it('reads where a feed was added in chat, and nothing from the CLI or the configuration', () => {
    expect(chatPlaceOf('slack:T1:C1:U1')).toEqual({ platform: 'slack', channelId: 'C1', userId: 'U1' });
    expect(chatPlaceOf('discord:-:123:456')).toEqual({
      platform: 'discord',
      channelId: '123',
      userId: '456',
    });
    expect(chatPlaceOf('cli')).toBeNull();
    expect(chatPlaceOf('config')).toBeNull();
  });
});

describe('disabledFeedNotice', () => {
  it('names the feed, the last error and how to retry', () => {
    const feed = { url: 'https://a.example/rss' } as FeedSubscription;
    expect(disabledFeedNotice(feed, 'could not fetch: HTTP 404')).toBe(
      'I stopped polling the feed https://a.example/rss: it has failed for about a week (last error: could not fetch: HTTP 404). To try again, add it again with /brief feeds add https://a.example/rss.',
    );
  });
});
