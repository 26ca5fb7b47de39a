/**
 * @module adapters/slack/testing/digest-fixtures
 * Digests for the Slack tests: small factories with overrides, and the Slack harness with the digest
 * subcommands, the subscription stores and a scheduler over the seeded database.
 */
import { buildDigest } from '../../../core/digest/build-digest.js';
import type { Digest, Story } from '../../../core/digest/digest.js';
import type { BuildDigest } from '../../../core/digest/digest-ports.js';
import {
  createDigestScheduler,
  DIGEST_SCHEDULER_DEFAULTS,
  type DigestScheduler,
  type DigestSchedulerOptions,
} from '../../../core/digest/digest-scheduler.js';
import {
  createSubscriptionCommands,
  type SubscribersPolicy,
} from '../../../core/digest/subscribe-command.js';
import {
  createSqliteDigestRunStore,
  createSqliteSubscriptionStore,
} from '../../../store/sqlite/sqlite-subscription-store.js';
import { makeCitation } from '../../../test-support/make-answer.js';
import { slackDigestCommands } from '../digest-commands.js';
import { createSlackDigestSink } from '../digest-sink.js';
import { type Harness, type HarnessOptions, type SlackMode, startHarness } from './slack-harness.js';

export function makeStory(overrides: Partial<Story> = {}): Story {
  return {
    id: 'a1',
    headline: 'OpenAI signs $38 billion AWS deal',
    summary: 'OpenAI signed a seven-year agreement with AWS. [1]',
    facts: [{ text: 'The deal is worth $38 billion.', citations: [1] }],
    citations: [makeCitation()],
    articleIds: ['a1'],
    outlets: ['GeekWire'],
    unknownOutlets: 0,
    disagreement: null,
    updated: false,
    newOutlets: [],
    latestAt: '2026-03-02T09:00:00.000Z',
    ...overrides,
  };
}

/**
 * Five stories of twelve outlets each, with long titles and URLs: 21 blocks, far under 50, but over
 * 15,000 characters of block text, which chat.postMessage refuses in one message.
 */
export function makeWellSourcedStories(): Story[] {
  return Array.from({ length: 5 }, (_, i) =>
    makeStory({
      id: `s${i}`,
      headline: `Story ${i + 1}`,
      citations: Array.from({ length: 12 }, (_, n) =>
        makeCitation({
          n: n + 1,
          articleId: `s${i}-a${n}`,
          title: `A reasonably long headline of article ${n + 1} about story ${i + 1} as outlets write them`,
          url: `https://news-${n}.example.com/2026/03/02/story-${i + 1}-${'long-slug-'.repeat(8)}`,
        }),
      ),
    }),
  );
}

export function makeDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    window: { from: '2026-03-01T09:00:00.000Z', to: '2026-03-02T09:00:00.000Z' },
    topic: null,
    stories: [makeStory()],
    more: 0,
    ...overrides,
  };
}

export interface DigestHarness extends Harness {
  subscriptions: ReturnType<typeof createSqliteSubscriptionStore>;
  runs: ReturnType<typeof createSqliteDigestRunStore>;
  /** A scheduler with the Slack sink over the harness's database, clock and logger. */
  scheduler(overrides?: Partial<DigestSchedulerOptions>): DigestScheduler;
}

const DAY_MS = 86_400_000;

export async function startDigestHarness(
  mode: SlackMode,
  options: HarnessOptions & { who?: SubscribersPolicy; passPolicy?: boolean; buildDigest?: BuildDigest } = {},
): Promise<DigestHarness> {
  const { who = 'anyone', passPolicy = false, ...harnessOptions } = options;
  const h = await startHarness(mode, {
    ...harnessOptions,
    extraCommands: (seeded, logger) =>
      slackDigestCommands({
        commands: createSubscriptionCommands({
          subscriptions: createSqliteSubscriptionStore(seeded.db),
          defaultTimezone: 'UTC',
          who,
        }),
        buildOnDemand: ({ topic }) => {
          const now = seeded.clock.now();
          return buildDigest(seeded.store, {
            since: new Date(now.getTime() - DAY_MS).toISOString(),
            until: now.toISOString(),
            topic,
          });
        },
        clock: seeded.clock,
        logger,
        ...(passPolicy ? { who } : {}),
      }),
  });
  const { seeded, logger, handle } = h;
  const subscriptions = createSqliteSubscriptionStore(seeded.db);
  const runs = createSqliteDigestRunStore(seeded.db);
  return {
    ...h,
    subscriptions,
    runs,
    scheduler: (overrides = {}) =>
      createDigestScheduler({
        subscriptions,
        runs,
        sinks: {
          slack: createSlackDigestSink(handle, {
            conversations: seeded.conversations,
            clock: seeded.clock,
            logger,
          }),
        },
        buildDigest: options.buildDigest ?? ((request) => buildDigest(seeded.store, request)),
        clock: seeded.clock,
        logger,
        owner: 'test-instance',
        graceMs: 2 * 60 * 60_000,
        maxAttempts: 3,
        backoffMs: 60_000,
        leaseMs: DIGEST_SCHEDULER_DEFAULTS.leaseMs,
        // Heartbeats only when a test fires them (the clock is fixed; real intervals would renew at random).
        timers: { setInterval: () => null, clearInterval: () => {} },
        ...overrides,
      }),
  };
}
