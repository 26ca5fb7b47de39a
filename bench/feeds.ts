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
import { createForeground, foregroundBriefing } from '../src/core/foreground.js';
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
const log = (line: string) => process.stderr.write(`[bench feeds] ${line}\n`);

async function main() {
  const origin = IN_PROCESS ? await startFeedOrigin(FEEDS, ENTRIES) : await forkFeedOrigin(FEEDS, ENTRIES);
  const dir = mkdtempSync(join(tmpdir(), 'brief-bench-feeds-'));
  const db = openSqliteDatabase(join(dir, 'brief.sqlite'));
  const clock: Clock = { now: () => new Date() };
  const feeds = createSqliteFeedStore(db);
  const articles = createSqliteArticleStore(db);
  const foreground = createForeground();
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
    ...(CHAT_FIRST ? { foreground } : {}),
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

  // Idle asks at the spacing of the asks during a poll, so the two p95s compare like with like.
  const idleP95 = async (count: number) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      times.push(await ask());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return p95(times);
  };
  const rows: string[] = [];
  const phase = async (name: string, idle: () => Promise<number>) => {
    const before = await origin.counts();
    const cpu = process.cpuUsage();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const asks: number[] = [];
    let polling = true;
    const asking = (async () => {
      // A chat question arrives as I/O; back to back in microtasks they would starve the poll itself.
      while (polling) {
        asks.push(await ask());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = performance.now();
    const results = await runtime.service.poll({ force: true });
    const wall = (performance.now() - started) / 1000;
    polling = false;
    await asking;
    clearInterval(sampler);
    const used = process.cpuUsage(cpu);
    const after = await origin.counts();
    const requests = after.requests - before.requests;
    const pages = after.pages - before.pages;
    const statuses = results.reduce<Record<string, number>>((acc, r) => {
      acc[r.status] = (acc[r.status] ?? 0) + 1;
      return acc;
    }, {});
    const added = results.reduce((n, r) => n + r.added, 0);
    const updated = results.reduce((n, r) => n + r.updated, 0);
    const idleMs = await idle();
    const during = p95(asks);
    rows.push(
      `| ${name} | ${wall.toFixed(2)} | ${((used.user + used.system) / 1e6).toFixed(2)} | ${(peak / 2 ** 20).toFixed(0)} | ${requests} | ${pages} | ${added}/${updated} | ${JSON.stringify(statuses).replace(/"/g, '')} | ${during.toFixed(1)} (${asks.length}) | ${idleMs.toFixed(1)} | ${(during / idleMs).toFixed(2)} |`,
    );
    log(`${name}: ${wall.toFixed(2)} s, ${requests} requests`);
  };

  // The first poll is compared with idle over the full store it leaves (measured after it).
  let afterFirst = 0;
  await phase('first poll', async () => {
    afterFirst = await idleP95(50);
    return afterFirst;
  });
  await phase('second poll (all 304)', async () => afterFirst);
  const edited = await origin.edit();
  const beforeEdited = await idleP95(50);
  await phase(`5% of entries edited (${edited})`, async () => beforeEdited);

  process.stdout.write(
    [
      `## Feeds (bench/feeds.ts: ${FEEDS} local feeds x ${ENTRIES} entries with pages, one SQLite store)`,
      '',
      `Origin ${IN_PROCESS ? 'in this process' : 'in a child process'}; chat first ${CHAT_FIRST ? 'on' : 'off'}. ` +
        'Idle p95: 50 asks over the full store, 20 ms apart as during a poll (after the first poll for the first two rows).',
      '',
      '| poll | wall s | CPU s | peak RSS MB | requests | page requests | added/updated | feeds by status | ask p95 ms during (asks) | idle p95 ms | ratio |',
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
