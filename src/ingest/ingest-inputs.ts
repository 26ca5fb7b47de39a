/**
 * @module ingest/ingest-inputs
 * `brief ingest`: reads files, folders and URLs, and stores every article they yield. Failures are
 * collected with their reasons; nothing already stored is touched by a bad input.
 */

import { emptyIngestReport, type IngestReport, ingestBatch } from '../core/ingest-articles.js';
import type { ArticleStore, Clock } from '../core/ports.js';
import { expandInputs } from './expand-inputs.js';
import { createHtmlReader, type HTML_READING } from './html-reader.js';
import { type ReadOptions, readInput } from './read-inputs.js';

export interface IngestInputsOptions {
  store: ArticleStore;
  clock: Clock;
  /** Origins of files are paths relative to this folder. */
  root: string;
  maxBytes?: number;
  fetch?: typeof globalThis.fetch;
  fetchTimeoutMs?: number;
  /** Limits of reading one web page (defaults: HTML_READING). */
  htmlReading?: Partial<typeof HTML_READING>;
  /** Called after each input with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export async function ingestInputs(inputs: string[], options: IngestInputsOptions): Promise<IngestReport> {
  const report = emptyIngestReport();
  const { items, failures } = await expandInputs(inputs);
  for (const failure of failures) report.failed.push({ origin: failure.origin, error: failure.message });
  const readOptions = {
    root: options.root,
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    fetch: options.fetch ?? globalThis.fetch,
    fetchTimeoutMs: options.fetchTimeoutMs ?? 10_000,
    html: createHtmlReader(options.htmlReading),
  };
  try {
    await readAll(items, readOptions, options, report);
  } finally {
    await readOptions.html.close();
  }
  return report;
}

async function readAll(
  items: string[],
  readOptions: ReadOptions,
  options: IngestInputsOptions,
  report: IngestReport,
) {
  let done = 0;
  for (const item of items) {
    const batch = await readInput(item, readOptions);
    for (const failure of batch.failures)
      report.failed.push({ origin: failure.origin, error: failure.message });
    report.warnings.push(...batch.warnings);
    await ingestBatch(options.store, options.clock, batch.drafts, report, batch.source);
    // A feed's summary stands in for a page that could not be fetched only where nothing is stored yet:
    // a teaser must neither replace the full text of an earlier run nor re-date it into the next digest.
    const fallbacks: typeof batch.fallbacks = [];
    for (const fallback of batch.fallbacks) {
      const { draft, reason } = fallback;
      if (!(await options.store.hasOrigin(draft.origin))) {
        fallbacks.push(fallback);
        // Counted as added, it read as the full article: the report says it is the feed's summary.
        report.warnings.push({ origin: draft.origin, warning: `stored the feed's summary: ${reason}` });
      } else report.failed.push({ origin: draft.origin, error: `${reason}; kept the stored article` });
    }
    await ingestBatch(
      options.store,
      options.clock,
      fallbacks.map((f) => f.draft),
      report,
      batch.source,
    );
    options.onProgress?.(++done, items.length);
  }
}
