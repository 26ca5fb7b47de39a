/**
 * @module bench/pg-ranking-agreement
 * How exact the champion-list search is on a kept bench database: records the store searches that
 * Briefbot's search and ask make for the bench queries, then ranks each one by champion lists
 * (pg-champion-search.ts) and by scoring every passage that holds a query term, and compares them
 * (identical rankings, top-10 and top-k overlap, how each was reached) with both times.
 *   npx tsx bench/pg-ranking-agreement.ts <pg-latency-job.json> [--rebuild] [--list-size N]
 *     [--rescored N] [--exact-pass N] [--calls calls.json] [--full-cache full.json]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { silentLogger } from '../src/adapters/log/json-logger.js';
import { createBriefing } from '../src/core/create-briefing.js';
import type { ArticleStore, Clock, PassageQuery } from '../src/core/ports.js';
import { DEFAULT_PG_SEARCH } from '../src/core/tuning.js';
import { createPgArticleStore } from '../src/store/postgres/pg-article-store.js';
import { type RankingPath, topPassagesByChampions } from '../src/store/postgres/pg-champion-search.js';
import { refreshChampions } from '../src/store/postgres/pg-champions.js';
import { migratePostgres } from '../src/store/postgres/pg-migrations.js';
import { readRankingStats, topPassagesByBm25 } from '../src/store/postgres/pg-ranking.js';
import type { PgLatencyJob } from './postgres-latency.js';
import { percentile } from './stats.js';

const FIXED_NOW: Clock = { now: () => new Date('2026-01-15T09:00:00.000Z') };

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      rebuild: { type: 'boolean', default: false },
      'list-size': { type: 'string', default: String(DEFAULT_PG_SEARCH.championListSize) },
      rescored: { type: 'string', default: String(DEFAULT_PG_SEARCH.rescoredCandidates) },
      'exact-pass': { type: 'string', default: String(DEFAULT_PG_SEARCH.exactPassPassages) },
      calls: { type: 'string' },
      'full-cache': { type: 'string' },
    },
  });
  const job = JSON.parse(readFileSync(positionals[0] ?? '', 'utf8')) as PgLatencyJob;
  const tuning = {
    championListSize: Number(values['list-size']),
    rescoredCandidates: Number(values.rescored),
    exactPassPassages: Number(values['exact-pass']),
  };
  const pool = new pg.Pool({ connectionString: job.url, max: 4 });
  await migratePostgres(pool);
  if (values.rebuild) {
    await pool.query(`TRUNCATE term_champions, term_champion_tails, champion_settings, passages_unranked;
      INSERT INTO passages_unranked SELECT id FROM passages`);
  }
  const started = performance.now();
  let folded = 0;
  for (;;) {
    const r = await refreshChampions(pool, tuning.championListSize);
    folded += r.passages;
    if (!r.more) break;
  }
  const refreshSeconds = (performance.now() - started) / 1000;
  const sizes = (
    await pool.query<{ entries: string; lists: string; mb: string }>(
      `SELECT (SELECT count(*) FROM term_champions) AS entries, (SELECT count(*) FROM term_champion_tails) AS lists,
         (pg_total_relation_size('term_champions') + pg_total_relation_size('term_champion_tails')) / 1048576.0 AS mb`,
    )
  ).rows[0];
  await pool.query('VACUUM ANALYZE term_champions, term_champion_tails, passages_unranked');

  // The searches Briefbot makes for the bench queries (terms with synonyms, limit, time window),
  // recorded once into --calls when that file does not exist yet.
  const calls: PassageQuery[] = [];
  if (values.calls && existsSync(values.calls))
    calls.push(...(JSON.parse(readFileSync(values.calls, 'utf8')) as PassageQuery[]));
  else {
    const store = createPgArticleStore(pool, { search: tuning });
    const recording: ArticleStore = {
      ...store,
      searchPassages: (query) => {
        calls.push(query);
        return store.searchPassages(query);
      },
    };
    const briefing = createBriefing({ store: recording, clock: FIXED_NOW, logger: silentLogger });
    for (const { text } of job.queries) {
      await briefing.search(text, 10);
      await briefing.ask(text);
    }
    if (values.calls) writeFileSync(values.calls, JSON.stringify(calls));
  }

  // Full scoring does not depend on the lists: --full-cache keeps its rankings (and times) between runs.
  const fullCache = values['full-cache'];
  const cached: { ids: number[]; ms: number }[] =
    fullCache && existsSync(fullCache) ? JSON.parse(readFileSync(fullCache, 'utf8')) : [];
  const paths: Record<RankingPath, number> = { lists: 0, 'exact-pass': 0, maxscore: 0, unproven: 0 };
  const pathTimes: Record<RankingPath, number[]> = {
    lists: [],
    'exact-pass': [],
    maxscore: [],
    unproven: [],
  };
  const times = { champions: [] as number[], full: [] as number[] };
  let identical = 0;
  let top10 = 0;
  let topK = 0;
  let worstTop10 = 1;
  for (const [i, call] of calls.entries()) {
    const terms = [...new Set(call.terms.filter(Boolean))];
    const stats = await readRankingStats(pool, terms);
    const since = call.since ?? null;
    let t = performance.now();
    const champ = await topPassagesByChampions(pool, stats, call.limit, since, tuning);
    const ms = performance.now() - t;
    times.champions.push(ms);
    pathTimes[champ.path].push(ms);
    if (!cached[i]) {
      t = performance.now();
      const ids = (await topPassagesByBm25(pool, stats, call.limit, since, Number.POSITIVE_INFINITY)).map(
        (h) => h.id,
      );
      cached[i] = { ids, ms: performance.now() - t };
    }
    const full = cached[i]?.ids ?? [];
    times.full.push(cached[i]?.ms ?? 0);
    paths[champ.path]++;
    const same = champ.hits.map((h) => h.id).join() === full.join();
    if (same) identical++;
    const overlap = (n: number) => {
      const want = full.slice(0, n);
      if (want.length === 0) return 1;
      const got = new Set(champ.hits.slice(0, n).map((h) => h.id));
      return want.filter((id) => got.has(id)).length / want.length;
    };
    const o10 = overlap(10);
    top10 += o10;
    topK += overlap(call.limit);
    worstTop10 = Math.min(worstTop10, o10);
  }
  if (fullCache) writeFileSync(fullCache, JSON.stringify(cached));
  const n = calls.length || 1;
  const summary = (xs: number[]) => ({
    p50: Math.round(percentile(xs, 50) * 10) / 10,
    p95: Math.round(percentile(xs, 95) * 10) / 10,
  });
  const report = {
    listSize: tuning.championListSize,
    rescoredCandidates: tuning.rescoredCandidates,
    exactPassPassages: tuning.exactPassPassages,
    refresh: { passages: folded, seconds: Math.round(refreshSeconds * 10) / 10 },
    lists: Number(sizes?.lists),
    entries: Number(sizes?.entries),
    listsMb: Math.round(Number(sizes?.mb)),
    searches: calls.length,
    paths,
    identical: `${identical}/${calls.length}`,
    top10Overlap: Math.round((top10 / n) * 10_000) / 100,
    topKOverlap: Math.round((topK / n) * 10_000) / 100,
    worstTop10,
    championsMs: summary(times.champions),
    championsMsByPath: Object.fromEntries(Object.entries(pathTimes).map(([k, v]) => [k, summary(v)])),
    fullScoringMs: summary(times.full),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await pool.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
