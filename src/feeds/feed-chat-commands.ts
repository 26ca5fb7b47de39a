/**
 * @module feeds/feed-chat-commands
 * `/brief feeds add|list|remove` for chat, the same on Slack and Discord: who may change the feeds
 * follows DIGEST_SUBSCRIBERS (anyone, or admins only); anyone may list them. Answers are short text.
 */
import { BadRequestError } from '../core/errors.js';
import type { FeedSubscription } from '../core/ports.js';
import { formatDuration } from './duration.js';
import type { FeedService } from './feed-service.js';

export interface FeedChatContext {
  platform: 'slack' | 'discord';
  workspaceId: string | null;
  channelId: string;
  userId: string;
  isAdmin: boolean;
}

export interface FeedChatCommands {
  /** Runs `add <url>... [every 1h]`, `list` or `remove <url>...`; resolves with the reply text. */
  run(args: string, ctx: FeedChatContext): Promise<string>;
  /** Whether the action changes feeds (and so needs the admin check). */
  changes(args: string): boolean;
}

export const FEEDS_USAGE = 'feeds add <url>... [every 1h] | feeds list | feeds remove <url>...';

export function createFeedChatCommands(deps: {
  service: FeedService;
  who: 'anyone' | 'admins';
}): FeedChatCommands {
  const parse = (args: string) => {
    const [action = '', ...rest] = args.trim().split(/\s+/).filter(Boolean);
    return { action: action.toLowerCase(), rest };
  };
  return {
    changes: (args) => ['add', 'remove'].includes(parse(args).action),
    async run(args, ctx) {
      const { action, rest } = parse(args);
      if ((action === 'add' || action === 'remove') && deps.who === 'admins' && !ctx.isAdmin) {
        const who = ctx.platform === 'slack' ? 'workspace admins' : 'members who can manage this server';
        return `Only ${who} may change the feeds here (DIGEST_SUBSCRIBERS=admins). \`/brief feeds list\` shows them.`;
      }
      switch (action) {
        case 'add': {
          const { urls, every } = urlsAndEvery(rest);
          const place = [ctx.platform, ctx.workspaceId ?? '-', ctx.channelId, ctx.userId].join(':');
          const added = await deps.service.add(urls, every, place);
          return `Added ${added.length === 1 ? 'the feed' : `${added.length} feeds`}; I poll ${
            added.length === 1 ? 'it' : 'them'
          } every ${formatDuration(added[0]?.everyMs ?? 0)} (less often when a feed publishes rarely):\n${added
            .map((f) => `• ${f.url}`)
            .join('\n')}`;
        }
        case 'list': {
          const feeds = await deps.service.list();
          if (feeds.length === 0) return 'No feeds yet. Add one with `/brief feeds add <url>`.';
          return feeds.map(feedLine).join('\n');
        }
        case 'remove': {
          if (rest.length === 0)
            throw new BadRequestError(
              'Say which feeds to remove, e.g. `/brief feeds remove https://example.com/rss`.',
            );
          const removed = await deps.service.remove(rest.map(unwrapLink));
          return removed === 0
            ? 'None of those feeds was added.'
            : `Removed ${removed} feed${removed === 1 ? '' : 's'} (their articles stay).`;
        }
        default:
          throw new BadRequestError(`Use \`/brief ${FEEDS_USAGE}\`.`);
      }
    },
  };
}

/** Slack wraps links as `<https://x|x>` and Discord as `<https://x>`; people may write `every 1h`. */
function urlsAndEvery(words: string[]): { urls: string[]; every: string | null } {
  const urls: string[] = [];
  let every: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (/^(every|--every)$/i.test(word)) every = words[++i] ?? '';
    else if (/^(every|--every)=/i.test(word)) every = word.replace(/^[^=]*=/, '');
    else urls.push(unwrapLink(word));
  }
  if (urls.length === 0)
    throw new BadRequestError('Say which feed, e.g. `/brief feeds add https://example.com/rss every 1h`.');
  return { urls, every };
}

function unwrapLink(word: string): string {
  return word.replace(/^<([^|>]+)(\|[^>]*)?>$/, '$1');
}

function feedLine(feed: FeedSubscription): string {
  const state = feed.disabled
    ? 'disabled after a week of failures (add it again to retry)'
    : feed.lastStatus
      ? `last poll ${feed.lastStatus}`
      : 'not polled yet';
  const error = feed.lastError ? `: ${feed.lastError}` : '';
  return `• ${feed.title ? `${feed.title} — ` : ''}${feed.url} (every ${formatDuration(feed.everyMs)}, ${feed.articles} articles; ${state}${error})`;
}

/** Where a feed was added in chat (`slack:<team>:<channel>:<user>`), to tell that person; else null. */
export function chatPlaceOf(
  addedBy: string,
): { platform: 'slack' | 'discord'; channelId: string; userId: string } | null {
  const match = /^(slack|discord):[^:]*:([^:]+):([^:]+)$/.exec(addedBy);
  if (!match) return null;
  return {
    platform: match[1] as 'slack' | 'discord',
    channelId: match[2] as string,
    userId: match[3] as string,
  };
}

/** What the person who added a feed is told when it is disabled. */
export function disabledFeedNotice(feed: FeedSubscription, lastError: string | null): string {
  return (
    `I stopped polling the feed ${feed.url}: it has failed for about a week` +
    `${lastError ? ` (last error: ${lastError})` : ''}. To try again, add it again with /brief feeds add ${feed.url}.`
  );
}
