/**
 * @module core/alerts/deliver-alert-story
 * Posts one claimed story's due work exactly once: the first post (after quiet hours, within the
 * channel's daily cap), or its later sources as one reply in the post's thread. The order is the
 * digest's (post-once.ts): look for the mark when tried before, build, confirm the lease, post; the
 * claim is kept alive by a heartbeat (lease-heartbeat.ts).
 */
import type { Article } from '../article.js';
import { type HeartbeatTimers, holdLease } from '../digest/lease-heartbeat.js';
import { type PostMark, postOnce } from '../digest/post-once.js';
import { DeliveryError } from '../errors.js';
import type { ArticleStore, Logger } from '../ports.js';
import type { Alert, AlertTuning } from './alert.js';
import type { AlertSink, AlertStore, AlertStory, AlertStoryView } from './alert-ports.js';
import { localDay, quietUntil } from './quiet-hours.js';

export interface DeliverAlertDeps {
  articles: ArticleStore;
  alerts: AlertStore;
  sink: AlertSink;
  owner: string;
  now: () => Date;
  timers: HeartbeatTimers;
  logger: Logger;
  tuning: AlertTuning;
}

export type DeliverOutcome =
  | 'posted'
  | 'sources-added'
  | 'already-posted'
  | 'held'
  | 'skipped'
  | 'failed'
  | 'none';

/** The mark of a story's first post, and of the reply that adds `articleIds` (its first id names it). */
export function alertMark(
  story: Pick<AlertStory, 'alertId' | 'storyKey' | 'createdAt'>,
  reply?: string,
): PostMark {
  const id = `${story.alertId}:${story.storyKey}${reply ? `+${reply}` : ''}`;
  return { kind: 'alert', id, since: story.createdAt };
}

export async function deliverAlertStory(
  deps: DeliverAlertDeps,
  alert: Alert,
  storyKey: string,
): Promise<DeliverOutcome> {
  const { alerts, tuning } = deps;
  const story = await alerts.claimStory(alert.id, storyKey, deps.owner, tuning.leaseMs, iso(deps.now()));
  if (!story) return 'none';
  const hold = holdLease({
    renew: () => alerts.renewStory(alert.id, storyKey, deps.owner, tuning.leaseMs, iso(deps.now())),
    everyMs: Math.floor(tuning.leaseMs / 3),
    timers: deps.timers,
  });
  const record = (r: Parameters<AlertStore['recordStory']>[3]) =>
    alerts.recordStory(alert.id, storyKey, deps.owner, r, iso(deps.now()));
  const unsent = story.articles.filter((a) => !a.sent).map((a) => a.articleId);
  try {
    const quietEnd = quietUntil(alert.quiet, alert.timezone, deps.now());
    if (quietEnd) {
      await record({ kind: 'held', until: iso(quietEnd) });
      return 'held';
    }
    const articles = await deps.articles.getArticles(story.articles.map((a) => a.articleId));
    if (story.status !== 'posted') {
      const day = localDay(deps.now(), alert.timezone);
      if (!(await alerts.reserveDay(alert.id, storyKey, deps.owner, day, tuning.maxPerChannelPerDay))) {
        await record({
          kind: 'skipped',
          reason: `over the channel's cap of ${tuning.maxPerChannelPerDay} a day`,
        });
        deps.logger.info('alert: story skipped, the channel had its posts for the day', {
          alert: alert.id,
          storyKey,
        });
        return 'skipped';
      }
      const mark = alertMark(story);
      let messageId: string | null = null;
      const outcome = await postOnce({
        triedBefore: story.attempts > 1,
        findPosted: async () => {
          messageId = await deps.sink.findPosted(alert, mark, null);
          return messageId !== null;
        },
        build: async () => viewOf(alert, unsent, articles, tuning),
        stillHeld: hold.stillHeld,
        post: async (view) => {
          messageId = await deps.sink.postStory(alert, view, mark);
        },
      });
      if (outcome.outcome === 'lease-lost') return 'none';
      if (messageId === null) throw new DeliveryError('the platform returned no message id', false);
      await record({ kind: 'posted', messageId, sentArticleIds: unsent });
      return outcome.outcome === 'already-posted' ? 'already-posted' : 'posted';
    }
    const threadOf = story.messageId as string;
    const mark = alertMark(story, unsent[0]);
    const outcome = await postOnce({
      triedBefore: story.attempts > 1,
      findPosted: async () => (await deps.sink.findPosted(alert, mark, threadOf)) !== null,
      build: async () => viewOf(alert, unsent, articles, tuning),
      stillHeld: hold.stillHeld,
      post: (view) => deps.sink.postSources(alert, threadOf, view, mark),
    });
    if (outcome.outcome === 'lease-lost') return 'none';
    await record({ kind: 'sources-sent', sentArticleIds: unsent });
    return outcome.outcome === 'already-posted' ? 'already-posted' : 'sources-added';
  } catch (error) {
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const retry = retryable && story.attempts < tuning.maxAttempts;
    const retryAt = retry
      ? iso(new Date(deps.now().getTime() + tuning.retryBaseMs * 2 ** (story.attempts - 1)))
      : null;
    const message = (error as Error).message;
    await record({ kind: 'failed', error: message, retryAt, articleIds: unsent }).catch(() => false);
    deps.logger.error(retry ? 'alert: post failed, will retry' : 'alert: post failed, given up', {
      alert: alert.id,
      storyKey,
      attempt: story.attempts,
      cause: message,
    });
    return 'failed';
  } finally {
    hold.release();
  }
}

/** The message: the headline of the story's first report, and the outlets in `ids` that are still stored. */
function viewOf(
  alert: Alert,
  ids: string[],
  articles: Map<string, Article>,
  tuning: AlertTuning,
): AlertStoryView | null {
  const reports = ids.flatMap((id) => articles.get(id) ?? []);
  const first = reports[0] ?? [...articles.values()][0];
  if (!first || reports.length === 0) return null;
  return {
    topic: alert.topic,
    headline: first.title,
    sources: reports.slice(0, tuning.maxSourcesShown).map((a) => ({
      articleId: a.id,
      title: a.title,
      outlet: a.source,
      url: a.url,
    })),
    more: Math.max(0, reports.length - tuning.maxSourcesShown),
  };
}

function iso(date: Date): string {
  return date.toISOString();
}
