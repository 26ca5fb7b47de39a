/**
 * `npm run eval:pages -- --data ../shared/data/realpages-dev [--json] [--report] [--misses]`: saved real
 * pages served on 127.0.0.1, ingested by URL as `brief ingest` does, then asked. Prints the tuning
 * part; the reported part (pages held apart, see docs/EVALUATION.md) only with --report. --misses lists
 * the tuning part's failures with their answers. `--heldout ../shared/data/rtqa-news` runs the reader's
 * held-out questions (eval/heldout/) instead, all of them reported.
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadHeldout } from './heldout/load-heldout.js';
import { loadRealpages, type PageSet, runPagesEval, summarise, summaryTable } from './pages/index.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const data = argValue('--data');
  const heldout = argValue('--heldout');
  if (!data && !heldout) {
    process.stderr.write(
      'usage: npm run eval:pages -- --data ../shared/data/realpages-dev [--json] [--report] [--misses]\n' +
        '       npm run eval:pages -- --heldout ../shared/data/rtqa-news [--json]\n',
    );
    process.exitCode = 2;
    return;
  }
  const json = process.argv.includes('--json');
  // The held-out set is all reported part: it is run only to report.
  const report = process.argv.includes('--report') || heldout !== undefined;
  const loaded = heldout ? await loadHeldout(resolve(heldout)) : null;
  const set: PageSet = loaded ? loaded.set : await loadRealpages(resolve(data ?? ''));
  const started = performance.now();
  const run = await runPagesEval(set).finally(() =>
    loaded ? rm(loaded.dir, { recursive: true, force: true }) : undefined,
  );
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const parts = heldout
    ? (['reported'] as const)
    : report
      ? (['tuning', 'reported'] as const)
      : (['tuning'] as const);
  const summaries = parts.map((part) => summarise(run.records, part));
  const shown = run.records.filter((r) => (parts as readonly string[]).includes(r.part));
  if (json) {
    process.stdout.write(`${JSON.stringify({ ingest: run.ingest, seconds, summaries, records: shown })}\n`);
    return;
  }
  process.stdout.write(
    `Ingested ${run.ingest.stored} of ${run.ingest.pages} pages by URL (${run.ingest.failed.length} failed) in a ${seconds} s run.\n\n`,
  );
  for (const s of summaries) process.stdout.write(`${summaryTable(s)}\n\n`);
  if (process.argv.includes('--misses')) {
    for (const r of shown.filter((x) => !x.ok && x.part === 'tuning')) {
      process.stdout.write(
        `MISS ${r.id} [${r.kind}] ${r.question}\n  ${r.abstained ? 'ABSTAINED' : `stated=${r.stated} cited=${r.cited} (${r.citedPages.join(',')})`}: ${r.answer.slice(0, 400)}\n`,
      );
    }
  }
  if (!report) process.stdout.write('(the reported part is printed only with --report)\n');
}

await main();
