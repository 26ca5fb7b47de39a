/**
 * @module seed-store
 * A new user gets answers with no setup: the first command on an empty store ingests the seeds (the
 * bundled ones unless BRIEF_SEEDS_DIR says otherwise). The console chat says so in one sentence; the
 * logs keep the details.
 */
import { dirname } from 'node:path';
import type { IngestReport } from './core/ingest-articles.js';
import type { ArticleStore, Clock, Logger } from './core/ports.js';
import { ingestInputs } from './ingest/ingest-inputs.js';

export interface SeedOutcome {
  /** The seeds folder read. */
  from: string;
  bundled: boolean;
  report: IngestReport;
}

/** Ingests `seeds` into the store when it holds no article; null when it already held some. */
export async function seedIfEmpty(
  store: ArticleStore,
  seeds: { path: string; bundled: boolean },
  clock: Clock,
  logger: Logger,
): Promise<SeedOutcome | null> {
  if ((await store.listArticles({ limit: 1 })).length > 0) return null;
  const report = await ingestInputs([seeds.path], { store, clock, root: dirname(seeds.path) });
  logger.info('ingested the seeds into an empty store', {
    from: seeds.path,
    ...report,
    failed: report.failed.length,
  });
  for (const failure of report.failed) logger.warn('seed not ingested', { ...failure });
  return { from: seeds.path, bundled: seeds.bundled, report };
}

/** The console's sentence about a seeding: what was ingested from where, and where the details are. */
export function seedNotice(outcome: SeedOutcome, logFile: string): string {
  const { report } = outcome;
  const stored = report.added + report.updated + report.unchanged;
  const failed = report.failed.length;
  const problems = failed > 0 ? ` ${failed} could not be read (details in ${logFile}).` : '';
  if (stored === 0) {
    return (
      `The store was empty and no article could be ingested from ${outcome.from}: add some with ` +
      `npx brief ingest <files, folders, URLs or feeds>.${problems}`
    );
  }
  const articles = `${stored} article${stored === 1 ? '' : 's'}`;
  const what = outcome.bundled
    ? `Indexed the ${articles} bundled with Briefbot, so there is news to ask about right away.`
    : `Indexed ${articles} from ${outcome.from} into the empty store.`;
  return `${what}${problems}`;
}
