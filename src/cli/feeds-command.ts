/**
 * @module cli/feeds-command
 * `brief feeds add|list|remove|poll`: the stable JSON shapes of issue 17 with --json, a line per feed
 * otherwise.
 */
import { BadRequestError } from '../core/errors.js';
import type { FeedSubscription } from '../core/ports.js';
import { toFeedJson, toPollJson } from '../feeds/feed-json.js';
import type { FeedService } from '../feeds/feed-service.js';
import type { FeedPollResult } from '../feeds/poll-feed.js';
import type { CliArgs } from './args.js';

export interface FeedsCommandDeps {
  feeds: FeedService;
  print(text: string): void;
}

export async function runFeedsCommand(args: CliArgs, deps: FeedsCommandDeps): Promise<number> {
  const [action, ...urls] = args.words;
  const out = (json: unknown, text: string) => deps.print(args.json ? JSON.stringify(json) : text);
  switch (action) {
    case 'add': {
      const added = await deps.feeds.add(urls, args.every, 'cli');
      out({ feeds: added.map(toFeedJson) }, added.map(feedLine).join('\n'));
      return 0;
    }
    case 'list': {
      noWords(action, urls);
      const feeds = await deps.feeds.list();
      out(
        { feeds: feeds.map(toFeedJson) },
        feeds.length ? feeds.map(feedLine).join('\n') : 'No feeds yet: brief feeds add <url>',
      );
      return 0;
    }
    case 'remove': {
      const removed = await deps.feeds.remove(urls);
      out({ removed }, `${removed} removed`);
      return 0;
    }
    case 'poll': {
      noWords(action, urls);
      const results = await deps.feeds.poll({ force: true });
      out(
        { feeds: results.map(toPollJson) },
        results.length ? results.map(pollLine).join('\n') : 'No feeds to poll.',
      );
      return 0;
    }
    default:
      throw new BadRequestError(
        `feeds needs add, list, remove or poll${action ? ` (got "${action}")` : ''}, e.g. brief feeds add https://example.com/rss`,
      );
  }
}

function noWords(action: string, words: string[]) {
  if (words.length > 0)
    throw new BadRequestError(`feeds ${action} takes no words, but got "${words.join(' ')}"`);
}

function feedLine(feed: FeedSubscription): string {
  const json = toFeedJson(feed);
  const state = feed.disabled ? 'disabled' : (feed.lastStatus ?? 'not polled yet');
  const error = feed.lastError ? ` — ${feed.lastError}` : '';
  return `${feed.url} (${json.title ?? 'untitled'}, every ${json.every}, ${feed.articles} articles): ${state}${error}`;
}

function pollLine(result: FeedPollResult): string {
  const counts = result.status === 'updated' ? ` (${result.added} added, ${result.updated} updated)` : '';
  const lines = [`${result.url}: ${result.status}${counts}${result.error ? ` — ${result.error}` : ''}`];
  for (const f of result.fallbacks) lines.push(`  ${f.origin}: stored the feed's summary: ${f.reason}`);
  return lines.join('\n');
}
