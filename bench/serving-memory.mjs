/**
 * @module bench/serving-memory
 * Child process: the resident memory of a serving bot. Opens a populated store through the compiled
 * code in dist/, answers every benchmark query once with search and once with ask, then runs a few
 * thousand further, different keyword searches (a bot that has been up for a while), sampling RSS
 * after each. Plain JavaScript on plain `node` on purpose: the tsx loader alone adds about 45 MB of
 * RSS, which a deployed bot (`node bin/brief.js serve`) does not carry. Usage:
 *   node bench/serving-memory.mjs <briefbot.sqlite> <memory-job.json>   (prints one JSON object)
 * where the job is `{ "queries": [{ "text": ... }], "extraSearches": ["...", ...] }`.
 */
import { readFileSync } from 'node:fs';

const [storePath, jobPath] = process.argv.slice(2);
if (!storePath || !jobPath) {
  process.stderr.write('usage: node bench/serving-memory.mjs <briefbot.sqlite> <memory-job.json>\n');
  process.exit(2);
}
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const rssAtStart = process.memoryUsage().rss;
const { createSqliteArticleStore, openSqliteDatabase } = await import(
  '../dist/store/sqlite/sqlite-article-store.js'
);
const { createBriefing } = await import('../dist/core/create-briefing.js');
const { silentLogger } = await import('../dist/adapters/log/json-logger.js');

const { queries, extraSearches } = JSON.parse(readFileSync(jobPath, 'utf8'));
const store = createSqliteArticleStore(openSqliteDatabase(storePath));
const briefing = createBriefing({
  store,
  clock: { now: () => new Date('2026-01-15T09:00:00.000Z') },
  logger: silentLogger,
});
const rssAfterOpen = process.memoryUsage().rss;
let rssPeak = rssAfterOpen;
for (const { text } of queries) {
  await briefing.search(text, 10);
  await briefing.ask(text);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}
const rssAfterQueries = rssPeak;
for (const text of extraSearches) {
  await briefing.search(text, 10);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}
const usage = process.memoryUsage();
await store.close();
process.stdout.write(
  `${JSON.stringify({
    rssAtStartMb: mb(rssAtStart),
    rssAfterOpenMb: mb(rssAfterOpen),
    /** Peak over the benchmark queries alone. */
    rssAfterQueriesMb: mb(rssAfterQueries),
    rssPeakMb: mb(rssPeak),
    maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
    calls: queries.length * 2 + extraSearches.length,
  })}\n`,
);
