/**
 * @module bench/feeds
 * Feed polling benchmark (issue 17): a local origin of N feeds of 20 entries with pages (ETag and
 * Last-Modified), polled into a fresh SQLite store: a full first poll, a second all-304 poll, and a
 * poll with 5% of entries edited. Reports wall time, CPU seconds, peak RSS, requests (feed and page)
 * and `ask` p95 while polling against idle. Markdown to stdout, progress to stderr.
 * Run: `npx tsx bench/feeds.ts [feeds=1000] [entries=20] [--in-process-origin] [--no-chat-first]`.
 * The origin runs in a child process (publishers are not on the poller's event loop) unless
 * `--in-process-origin`; the briefing and the poller share one Foreground as in `brief serve`
 * (chat first, core/foreground.ts) unless `--no-chat-first`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { silentLogger } from '../src/adapters/log/json-logger.js';
import { createBriefing } from '../src/core/create-briefing.js';
import { createForeground, type Foreground, foregroundBriefing } from '../src/core/foreground.js';
import type { Clock } from '../src/core/ports.js';
import { createFeedRuntime } from '../src/feeds/feed-runtime.js';
import { FEED_TUNING } from '../src/feeds/feed-tuning.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../src/store/sqlite/sqlite-article-store.js';
import { createSqliteFeedStore } from '../src/store/sqlite/sqlite-feed-store.js';
import { forkFeedOrigin, startFeedOrigin } from './feed-origin.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'in-process-origin': { type: 'boolean' }, 'no-chat-first': { type: 'boolean' } },
});
const FEEDS = Number(positionals[0] ?? 1000);
const ENTRIES = Number(positionals[1] ?? 20);
const CHAT_FIRST = !flags['no-chat-first'];
const IN_PROCESS = Boolean(flags['in-process-origin']);
const WINDOW_MS = 500;
const SHORT_ROUNDS = 8;
const DRAIN_MS = 150;
const log = (line: string) => process.stderr.write(`[bench feeds] ${line}\n`);

async function main() {
  const origin = IN_PROCESS ? await startFeedOrigin(FEEDS, ENTRIES) : await forkFeedOrigin(FEEDS, ENTRIES);
  const dir = mkdtempSync(join(tmpdir(), 'brief-bench-feeds-'));
  const db = openSqliteDatabase(join(dir, 'brief.sqlite'));
  const clock: Clock = { now: () => new Date() };
  const feeds = createSqliteFeedStore(db);
  const articles = createSqliteArticleStore(db);
  const foreground = createForeground();
  // The bench's own hold: it stops the poll at its next step to time idle asks between the asks
  // timed during the poll, so both see the same load on this shared machine.
  const hold = createForeground();
  const gate: Foreground = {
    run: (work) => foreground.run(work),
    async idle(maxWaitMs) {
      await hold.idle(2 ** 31 - 1); // the longest setTimeout: held until the bench lets go
      if (CHAT_FIRST) await foreground.idle(maxWaitMs);
    },
  };
  const runtime = createFeedRuntime({
    feeds,
    articles,
    clock,
    owner: 'bench',
    defaultEveryMs: 15 * 60_000,
    maxBytes: 5 << 20,
    fetchTimeoutMs: 10_000,
    // All feeds live on one host here; the per-host limit would make the bench measure that limit.
    tuning: { ...FEED_TUNING, perHostConnections: 16, feedsAtOnce: 16 },
    foreground: gate,
  });
  await runtime.service.add(
    Array.from({ length: FEEDS }, (_, f) => `${origin.base}/f/${f}.xml`),
    null,
    'bench',
  );
  // As main.ts composes it: answers are foreground work, which poll steps wait for.
  const plain = createBriefing({ store: articles, clock, logger: silentLogger, modelPassages: 8 });
  const briefing = CHAT_FIRST ? foregroundBriefing(plain, foreground) : plain;
  const ask = async () => {
    const started = performance.now();
    await briefing.ask('What did the council say about the budget?');
    return performance.now() - started;
  };
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Asks one question every 20 ms (as chat questions arrive, as I/O) until `until` says stop. */
  const askWhile = async (until: () => boolean, into: number[]) => {
    while (until()) {
      into.push(await ask());
      await sleep(20);
    }
  };
  const rows: string[] = [];
  /** `rounds` polls (each after `prepare`), their asks pooled; wall, CPU and requests per poll. */
  const phase = async (name: string, rounds = 1, prepare: () => Promise<unknown> = async () => {}) => {
    const before = await origin.counts();
    const cpu = process.cpuUsage();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const during: number[] = [];
    const idle: number[] = [];
    let held = 0;
    let wallMs = 0;
    const results: Awaited<ReturnType<typeof runtime.service.poll>> = [];
    for (let r = 0; r < rounds; r++) {
      await prepare();
      let polling = true;
      const started = performance.now();
      const heldBefore = held;
      const poll = runtime.service.poll({ force: true }).finally(() => {
        polling = false;
      });
      // Windows of WINDOW_MS: asks during the poll, then the poll held (in-flight work drained for
      // DRAIN_MS, untimed) and asks with nothing polling; until the poll is done.
      while (polling) {
        const windowEnd = performance.now() + WINDOW_MS;
        await askWhile(() => polling && performance.now() < windowEnd, during);
        if (!polling) break;
        const heldAt = performance.now();
        let resume!: () => void;
        const holding = hold.run(() => new Promise<void>((resolve) => (resume = resolve)));
        await sleep(DRAIN_MS);
        const idleEnd = performance.now() + WINDOW_MS;
        await askWhile(() => performance.now() < idleEnd, idle);
        resume();
        await holding;
        held += performance.now() - heldAt;
      }
      results.push(...(await poll));
      wallMs += performance.now() - started - (held - heldBefore);
      // A poll shorter than a window: the idle window comes right after it, with nothing polling.
      if (held === heldBefore) {
        const idleEnd = performance.now() + WINDOW_MS;
        await askWhile(() => performance.now() < idleEnd, idle);
      }
    }
    const wall = wallMs / 1000 / rounds;
    clearInterval(sampler);
    const used = process.cpuUsage(cpu);
    const after = await origin.counts();
    const statuses = results.reduce<Record<string, number>>((acc, r) => {
      acc[r.status] = (acc[r.status] ?? 0) + 1 / rounds;
      return acc;
    }, {});
    const added = results.reduce((n, r) => n + r.added, 0);
    const updated = results.reduce((n, r) => n + r.updated, 0);
    const [d, i] = [p95(during), p95(idle)];
    rows.push(
      `| ${name} | ${wall.toFixed(2)} | ${((used.user + used.system) / 1e6 / rounds).toFixed(2)} | ${(peak / 2 ** 20).toFixed(0)} | ${(after.requests - before.requests) / rounds} | ${(after.pages - before.pages) / rounds} | ${added / rounds}/${updated / rounds} | ${JSON.stringify(statuses).replace(/"/g, '')} | ${d.toFixed(1)} (${during.length}) | ${i.toFixed(1)} (${idle.length}) | ${(d / i).toFixed(2)} |`,
    );
    log(`${name}: ${wall.toFixed(2)} s polling, ${(held / 1000).toFixed(1)} s held`);
  };

  // Warm up the answer path before timing anything.
  for (let i = 0; i < 10; i++) await ask();
  // The short polls are repeated (a different 5% edited each time) for enough asks to take a p95 of.
  await phase('first poll');
  await phase(`second poll (all 304), x${SHORT_ROUNDS}`, SHORT_ROUNDS);
  await phase(
    `5% of entries edited (${ENTRIES * Math.ceil(FEEDS / 20)}), x${SHORT_ROUNDS}`,
    SHORT_ROUNDS,
    () => origin.edit(),
  );

  process.stdout.write(
    [
      `## Feeds (bench/feeds.ts: ${FEEDS} local feeds x ${ENTRIES} entries with pages, one SQLite store)`,
      '',
      `Origin ${IN_PROCESS ? 'in this process' : 'in a child process'}; chat first ${CHAT_FIRST ? 'on' : 'off'}. ` +
        `Asks 20 ms apart in windows of ${WINDOW_MS} ms: during the poll, then with the poll held (after ${DRAIN_MS} ms for work in flight), alternating until it ends; wall s excludes the held time; wall, CPU, requests and entries are per poll.`,
      '',
      '| poll | wall s | CPU s | peak RSS MB | requests | page requests | added/updated | feeds by status | ask p95 ms during (asks) | idle p95 ms (asks) | ratio |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  await runtime.close();
  db.close();
  await origin.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
