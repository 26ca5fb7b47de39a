/**
 * @module bench/feeds
 * Feed polling benchmark (issue 17): a local server of N feeds of 20 entries with pages (ETag and
 * Last-Modified), polled into a fresh SQLite store: a full first poll, a second all-304 poll, and a
 * poll with 5% of entries edited. Reports wall time, CPU seconds, peak RSS, requests (feed and page)
 * and `ask` p95 while polling against idle. Markdown to stdout, progress to stderr.
 * Run: `npx tsx bench/feeds.ts [feeds=1000] [entries=20]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/adapters/log/json-logger.js';
import { createBriefing } from '../src/core/create-briefing.js';
import type { Clock } from '../src/core/ports.js';
import { createFeedRuntime } from '../src/feeds/feed-runtime.js';
import { FEED_TUNING } from '../src/feeds/feed-tuning.js';
import { PAGE_TEXT, startFeedServer } from '../src/feeds/testing/feed-server.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../src/store/sqlite/sqlite-article-store.js';
import { createSqliteFeedStore } from '../src/store/sqlite/sqlite-feed-store.js';

const FEEDS = Number(process.argv[2] ?? 1000);
const ENTRIES = Number(process.argv[3] ?? 20);
const log = (line: string) => process.stderr.write(`[bench feeds] ${line}\n`);
const WORDS = [
  'council',
  'budget',
  'harbour',
  'bridge',
  'election',
  'transit',
  'chips',
  'energy',
  'rates',
  'drought',
];

async function main() {
  const server = await startFeedServer();
  const edited = new Set<string>();
  for (let f = 0; f < FEEDS; f++) {
    const feedPath = `/f/${f}.xml`;
    server.routes.set(feedPath, {
      validators: true,
      body: () => {
        const items = Array.from({ length: ENTRIES }, (_, e) => {
          const id = `${f}-${e}`;
          const title = `${WORDS[(f + e) % WORDS.length]} story ${id}${edited.has(id) ? ' (updated)' : ''}`;
          return `<item><title>${title}</title><link>${server.base}/p/${id}</link><guid isPermaLink="false">${id}</guid></item>`;
        });
        return `<rss version="2.0"><channel><title>Outlet ${f}</title>${items.join('')}</channel></rss>`;
      },
    });
    for (let e = 0; e < ENTRIES; e++) {
      const id = `${f}-${e}`;
      const word = WORDS[(f * 7 + e) % WORDS.length];
      server.routes.set(`/p/${id}`, {
        type: 'text/html',
        body: `<html><body><article><h1>Story ${id}</h1><p>${PAGE_TEXT}</p><p>The ${word} report ${id} was published today with new figures.</p><p>${PAGE_TEXT}</p></article></body></html>`,
      });
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'brief-bench-feeds-'));
  const db = openSqliteDatabase(join(dir, 'brief.sqlite'));
  const clock: Clock = { now: () => new Date() };
  const feeds = createSqliteFeedStore(db);
  const articles = createSqliteArticleStore(db);
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
  });
  await runtime.service.add(
    Array.from({ length: FEEDS }, (_, f) => `${server.base}/f/${f}.xml`),
    null,
    'bench',
  );
  const briefing = createBriefing({ store: articles, clock, logger: silentLogger, modelPassages: 8 });
  const ask = async () => {
    const started = performance.now();
    await briefing.ask('What did the council say about the budget?');
    return performance.now() - started;
  };
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

  const rows: string[] = [];
  const phase = async (name: string) => {
    const requestsBefore = server.requests.length;
    const pagesBefore = server.requests.filter((p) => p.startsWith('/p/')).length;
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
    const requests = server.requests.length - requestsBefore;
    const pages = server.requests.filter((p) => p.startsWith('/p/')).length - pagesBefore;
    const statuses = results.reduce<Record<string, number>>((acc, r) => {
      acc[r.status] = (acc[r.status] ?? 0) + 1;
      return acc;
    }, {});
    const added = results.reduce((n, r) => n + r.added, 0);
    const updated = results.reduce((n, r) => n + r.updated, 0);
    rows.push(
      `| ${name} | ${wall.toFixed(2)} | ${((used.user + used.system) / 1e6).toFixed(2)} | ${(peak / 2 ** 20).toFixed(0)} | ${requests} | ${pages} | ${added}/${updated} | ${JSON.stringify(statuses).replace(/"/g, '')} | ${p95(asks).toFixed(1)} (${asks.length}) |`,
    );
    log(`${name}: ${wall.toFixed(2)} s, ${requests} requests`);
  };

  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await ask());
  await phase('first poll');
  idle.length = 0;
  for (let i = 0; i < 50; i++) idle.push(await ask());
  await phase('second poll (all 304)');
  for (let f = 0; f < FEEDS; f++) if (f % 20 === 0) for (let e = 0; e < ENTRIES; e++) edited.add(`${f}-${e}`);
  await phase(`5% of entries edited (${edited.size})`);

  process.stdout.write(
    [
      `## Feeds (bench/feeds.ts: ${FEEDS} local feeds x ${ENTRIES} entries with pages, one SQLite store)`,
      '',
      `Idle ask p95: ${p95(idle).toFixed(1)} ms (${idle.length} asks over the stored articles).`,
      '',
      '| poll | wall s | CPU s | peak RSS MB | requests | page requests | added/updated | feeds by status | ask p95 ms during (asks) |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  await runtime.close();
  db.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
