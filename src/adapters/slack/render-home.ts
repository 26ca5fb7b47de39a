/**
 * @module adapters/slack/render-home
 * The App Home tab as a Block Kit `home` view: how to ask (with questions the articles can answer), what
 * is indexed (articles, outlets, the latest date), this workspace's digests and when the last was sent,
 * and its story alerts.
 */
import type { types } from '@slack/bolt';
import type { Alert } from '../../core/alerts/alert.js';
import { describeQuiet } from '../../core/alerts/quiet-hours.js';
import type { Subscription } from '../../core/digest/subscription.js';
import type { CorpusStats } from '../../core/ports.js';
import { type Block, context, divider, sections } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { formatPublished } from './render-source-line.js';

/** Shown when the articles suggest no questions (an empty store, or nothing recent). */
export const FALLBACK_EXAMPLES = ["What's new?", 'How big is the AWS deal?'];
/** A Home view holds at most 100 blocks; a long list of digests is cut well before. */
export const MAX_LISTED_DIGESTS = 25;
/** The same for story alerts. */
export const MAX_LISTED_ALERTS = 25;
/** Outlets named in the summary line; the rest are counted. */
export const MAX_NAMED_OUTLETS = 6;

export interface HomeContent {
  examples: string[];
  stats: CorpusStats;
  /** This workspace's digests (DIGEST_CHANNELS ones included), with their schedules described. */
  digests: { subscription: Subscription; description: string }[];
  /** When the latest digest of any of them was sent (its scheduled time, ISO), or null. */
  lastDigestAt: string | null;
  /** Whether digests can be listed at all (a Slack adapter started without the digest stores cannot). */
  digestsKnown: boolean;
  /** This workspace's story alerts (CLI ones included); absent when the bot does not run alerts. */
  alerts?: Alert[];
}

export function renderHome(content: HomeContent): types.HomeView {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Briefbot', emoji: true } },
    ...sections(howToAsk(content.examples)),
    divider(),
    ...sections(whatIsIndexed(content.stats)),
    divider(),
    ...sections(digestLines(content)),
    context(lastDigestLine(content)),
    ...(content.alerts ? [divider(), ...sections(alertLines(content.alerts))] : []),
  ];
  return { type: 'home', blocks };
}

function howToAsk(examples: string[]): string {
  const tries = (examples.length > 0 ? examples : FALLBACK_EXAMPLES)
    .map((e) => `• ${escapeMrkdwn(e)}`)
    .join('\n');
  return [
    ':newspaper: *How to ask*',
    'Mention me in a channel (`@Briefbot …`), write to me in the *Messages* tab, or use `/brief ask <question>`. Every answer names its sources; reply in my thread to follow up.',
    `Try:\n${tries}`,
    '`/brief help` lists everything else: `search`, `digest`, `subscribe`…',
  ].join('\n');
}

function whatIsIndexed(stats: CorpusStats): string {
  if (stats.articles === 0) {
    return ':books: *What I have read*\nNothing yet, so I cannot answer questions. An admin adds articles with `npx brief ingest <files, folders or URLs>`.';
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const outlets = [...stats.outlets].sort((a, b) => b.articles - a.articles);
  const named = outlets.filter((o) => o.source !== null);
  const shown = named
    .slice(0, MAX_NAMED_OUTLETS)
    .map((o) => `${escapeMrkdwn(o.source ?? '')} (${o.articles})`);
  const others = named.length - shown.length;
  const outletText =
    named.length === 0
      ? 'no named outlet'
      : `${plural(named.length, 'outlet')}: ${shown.join(', ')}${others > 0 ? ` and ${others} more` : ''}`;
  const latest = stats.publishedRange
    ? `Latest article published ${formatPublished(stats.publishedRange.to)}.`
    : 'No article has a known publication date.';
  return `:books: *What I have read*\n*${plural(stats.articles, 'article')}* from ${outletText}.\n${latest}`;
}

function digestLines(content: HomeContent): string {
  const head = ':calendar: *Digests in this workspace*';
  if (!content.digestsKnown) return `${head}\nDigests are not set up on this Briefbot.`;
  if (content.digests.length === 0) {
    return `${head}\nNone yet. In a channel I am in, \`/brief subscribe daily 08:00\` posts a digest there every morning.`;
  }
  const lines = content.digests.slice(0, MAX_LISTED_DIGESTS).map(({ subscription, description }) => {
    const about = subscription.topic ? `"${escapeMrkdwn(subscription.topic)}"` : 'all news';
    const quiet = subscription.quietWhenEmpty ? ', quiet when nothing is new' : '';
    return `• <#${subscription.channelId}>: ${about}, ${escapeMrkdwn(description)}${quiet}`;
  });
  const more = content.digests.length - lines.length;
  if (more > 0) lines.push(`…and ${more} more (\`/brief subscriptions\` in a channel lists its own).`);
  return [head, ...lines].join('\n');
}

function alertLines(alerts: Alert[]): string {
  const head = ':rotating_light: *Story alerts in this workspace*';
  if (alerts.length === 0) {
    return `${head}\nNone yet. In a channel I am in, \`/brief alert AI chips\` posts each new story about AI chips there once, with later outlets in its thread.`;
  }
  const lines = alerts.slice(0, MAX_LISTED_ALERTS).map((alert) => {
    const quiet = describeQuiet(alert.quiet, alert.timezone);
    return `• <#${alert.channelId}>: "${escapeMrkdwn(alert.topic)}"${quiet ? `, quiet ${escapeMrkdwn(quiet)}` : ''}`;
  });
  const more = alerts.length - lines.length;
  if (more > 0) lines.push(`…and ${more} more (\`/brief alert list\` in a channel lists its own).`);
  return [head, ...lines].join('\n');
}

function lastDigestLine(content: HomeContent): string {
  if (!content.lastDigestAt) return 'No digest has been sent yet.';
  const date = new Date(content.lastDigestAt);
  const seconds = Math.floor(date.getTime() / 1000);
  // Slack shows the date in the reader's own time zone; the fallback is UTC.
  const fallback = `${formatPublished(content.lastDigestAt)} ${date.toISOString().slice(11, 16)} UTC`;
  return `Last digest: <!date^${seconds}^{date_short_pretty} at {time}|${fallback}>`;
}
