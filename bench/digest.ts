/**
 * @module bench/digest
 * Issue 6's target: "a digest over 2,000 new articles built in at most 2 s". On a copy of the populated
 * store (whose articles were ingested over 2025 by the replay clock, see corpus-store.ts), the next
 * 2,000 articles of the same seeded stream are ingested as just in — ingested and published at one-
 * second steps from 2026-01-01T00:00Z — and `buildDigest` is timed over the window that starts just
 * before them: median of DIGEST_RUNS after one untimed run. The copy is deleted afterwards.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyIngestReport, ingestDraft } from '../src/core/ingest-articles.js';
import type { Clock } from '../src/core/ports.js';
import { outletName } from '../src/ingest/outlets.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../src/store/sqlite/sqlite-article-store.js';
import { median } from './stats.js';
import { syntheticArticles } from './synthetic-corpus.js';
import type { TextPool } from './text-pool.js';

export const DIGEST_NEW_ARTICLES = 2000;
export const DIGEST_TARGET_MS = 2000;
const DIGEST_RUNS = 5;
const BATCH_START = Date.UTC(2026, 0, 1);

export interface DigestMeasurement {
  status: 'pending' | 'measured' | 'failed';
  size: number | null;
  newArticles: number;
  medianMs: number | null;
  /** Median CPU time of the same runs. */
  medianCpuMs: number | null;
  stories: number | null;
  note: string;
}

export interface DigestOptions {
  storePath: string;
  workDir: string;
  size: number;
  seed: number;
  pool: () => Promise<TextPool>;
}

export async function measureDigest(options: DigestOptions): Promise<DigestMeasurement> {
  const result: DigestMeasurement = {
    status: 'pending',
    size: options.size,
    newArticles: DIGEST_NEW_ARTICLES,
    medianMs: null,
    medianCpuMs: null,
    stories: null,
    note: '',
  };
  let buildDigest: typeof import('../src/core/digest/build-digest.js').buildDigest;
  try {
    ({ buildDigest } = await import('../src/core/digest/build-digest.js'));
  } catch (error) {
    return { ...result, note: `the digest use case does not load: ${(error as Error).message}` };
  }
  await rm(options.workDir, { recursive: true, force: true });
  await mkdir(options.workDir, { recursive: true });
  const copy = join(options.workDir, 'briefbot.sqlite');
  await copyFile(options.storePath, copy);
  if (existsSync(`${options.storePath}-wal`)) await copyFile(`${options.storePath}-wal`, `${copy}-wal`);
  const store = createSqliteArticleStore(openSqliteDatabase(copy));
  try {
    let tick = 0;
    const clock: Clock = { now: () => new Date(BATCH_START + tick++ * 1000) };
    const report = emptyIngestReport();
    let index = 0;
    for (const record of syntheticArticles(
      await options.pool(),
      options.seed,
      options.size + DIGEST_NEW_ARTICLES,
    )) {
      if (index++ < options.size) continue;
      const draft = {
        origin: record.url,
        title: record.title,
        source: outletName(record.source),
        url: record.url,
        publishedAt: new Date(BATCH_START + tick * 1000).toISOString(),
        text: record.text,
      };
      await ingestDraft(store, clock, draft, report);
    }
    const request = {
      since: new Date(BATCH_START - 1000).toISOString(),
      until: new Date(BATCH_START + (DIGEST_NEW_ARTICLES + 60) * 1000).toISOString(),
    };
    const first = await buildDigest(store, request);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < DIGEST_RUNS; i++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await buildDigest(store, request);
      times.push(performance.now() - start);
      const cpu = process.cpuUsage(cpuStart);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    return {
      ...result,
      status: 'measured',
      medianMs: median(times),
      medianCpuMs: median(cpuTimes),
      stories: first.stories.length + first.more,
      note: `${report.added} new articles stored; median of ${DIGEST_RUNS} runs`,
    };
  } catch (error) {
    return { ...result, status: 'failed', note: (error as Error).message };
  } finally {
    await store.close();
    await rm(options.workDir, { recursive: true, force: true });
  }
}
