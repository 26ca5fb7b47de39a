/**
 * @module core/alerts/testing/alert-fixtures
 * Test support for alerts: one story reported by three outlets (through three feeds), unrelated stories
 * on the same topic, a recording sink that implements AlertSink, and the deps of a check.
 */
import type { ArticleDraft } from '../../article.js';
import type { PostMark } from '../../digest/post-once.js';
import { emptyIngestReport, ingestDraft } from '../../ingest-articles.js';
import type { ArticleStore, Clock, Logger } from '../../ports.js';
import { ALERT_TUNING, type Alert, type AlertTuning } from '../alert.js';
import type { AlertSink, AlertStore, AlertStoryView } from '../alert-ports.js';
import type { CheckAlertsDeps } from '../check-alerts.js';

const draft = (origin: string, title: string, source: string, text: string): ArticleDraft => ({
  origin,
  title,
  source,
  url: origin,
  publishedAt: null,
  text,
});

/** One event (a chip export ban) as three outlets report it. */
export const TARIFF_STORY: ArticleDraft[] = [
  draft(
    'https://wire.example/chips-ban',
    'Netherlands bans Nexperia chip exports to China',
    'Wire',
    'The Dutch government on Monday banned Nexperia from exporting chips made in the Netherlands to China, citing national security. Nexperia, owned by China’s Wingtech, makes power chips used by carmakers across Europe. Volkswagen said the chip export ban could halt production lines within weeks.',
  ),
  draft(
    'https://daily.example/nexperia',
    'Dutch chip export ban on Nexperia alarms carmakers',
    'Daily',
    'Carmakers warned on Monday that the Dutch ban on Nexperia chip exports to China could halt production. The Netherlands cited national security when it barred Nexperia, owned by Wingtech, from shipping chips. Volkswagen said its lines could stop within weeks without the power chips.',
  ),
  draft(
    'https://tech.example/nexperia-wingtech',
    'Wingtech protests Netherlands’ Nexperia chip export ban',
    'Tech',
    'Wingtech, the Chinese owner of Nexperia, protested the Netherlands’ ban on exporting Nexperia chips to China announced Monday. The Dutch government cited national security. Carmakers including Volkswagen fear the chip export ban will halt production within weeks.',
  ),
];

/** Other chip stories: each its own story. */
export const OTHER_CHIP_STORIES: ArticleDraft[] = [
  draft(
    'https://wire.example/tsmc-arizona',
    'TSMC opens second chip plant in Arizona',
    'Wire',
    'TSMC opened its second chip factory in Phoenix, Arizona, on Thursday, producing 3-nanometre wafers for Apple and Nvidia. The plant employs 2,000 workers and cost $25 billion, the company said.',
  ),
  draft(
    'https://daily.example/samsung-hbm',
    'Samsung starts shipping HBM4 memory chips',
    'Daily',
    'Samsung Electronics began shipping HBM4 high-bandwidth memory chips to Nvidia on Wednesday, catching up with SK Hynix. The Korean firm said yields at its Pyeongtaek fab had improved sharply.',
  ),
  draft(
    'https://tech.example/intel-layoffs',
    'Intel cuts 5,000 jobs at its Oregon chip fabs',
    'Tech',
    'Intel will cut 5,000 jobs at its Hillsboro, Oregon, chip fabrication sites, the company told state regulators on Friday, as it delays its next-generation process node.',
  ),
];

/** Stores `d` as ingested at `iso` (the clock is set there). */
export async function ingestAt(
  articles: ArticleStore,
  clock: Clock & { set(iso: string): void },
  d: ArticleDraft,
  iso: string,
): Promise<void> {
  clock.set(iso);
  const report = emptyIngestReport();
  await ingestDraft(articles, clock, d, report, {
    kind: 'feed',
    input: `${new URL(d.origin).origin}/feed.xml`,
  });
  if (report.failed.length > 0) throw new Error(report.failed[0]?.error);
}

export interface RecordedPost {
  channelId: string;
  messageId: string;
  threadOf: string | null;
  mark: PostMark;
  view: AlertStoryView;
}

/** An AlertSink that keeps what it posted, as a channel would; `failNext` makes the next post throw. */
export function createRecordingSink(): AlertSink & { posts: RecordedPost[]; failNext: Error | null } {
  const sink = {
    posts: [] as RecordedPost[],
    failNext: null as Error | null,
    async postStory(alert: Alert, view: AlertStoryView, mark: PostMark) {
      const failure = sink.failNext;
      sink.failNext = null;
      if (failure) throw failure;
      const messageId = `m${sink.posts.length + 1}`;
      sink.posts.push({ channelId: alert.channelId, messageId, threadOf: null, mark, view });
      return messageId;
    },
    async postSources(alert: Alert, threadOf: string, view: AlertStoryView, mark: PostMark) {
      const failure = sink.failNext;
      sink.failNext = null;
      if (failure) throw failure;
      sink.posts.push({
        channelId: alert.channelId,
        messageId: `m${sink.posts.length + 1}`,
        threadOf,
        mark,
        view,
      });
    },
    async findPosted(alert: Alert, mark: PostMark, threadOf: string | null) {
      const found = sink.posts.find(
        (p) => p.channelId === alert.channelId && p.mark.id === mark.id && p.threadOf === threadOf,
      );
      return found?.messageId ?? null;
    },
  };
  return sink;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Timers for the lease heartbeat that never fire (tests move the clock themselves). */
export const idleTimers = { setInterval: () => 0, clearInterval: () => {} };

export function checkDeps(
  over: Pick<CheckAlertsDeps, 'articles' | 'alerts' | 'sinks'> & {
    clock: Clock;
    owner?: string;
    tuning?: Partial<AlertTuning>;
  },
): CheckAlertsDeps {
  return {
    articles: over.articles,
    alerts: over.alerts as AlertStore,
    sinks: over.sinks,
    owner: over.owner ?? 'p1',
    now: () => over.clock.now(),
    timers: idleTimers,
    logger: silentLogger,
    tuning: { ...ALERT_TUNING, ...over.tuning },
  };
}
