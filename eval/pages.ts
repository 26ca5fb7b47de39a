/**
 * `npm run eval:pages -- --data ../shared/data/realpages-dev [--json] [--report] [--misses]`: saved real
 * pages served on 127.0.0.1, ingested by URL as `brief ingest` does, then asked. Prints the tuning
 * part; the reported part (pages held apart, see docs/EVALUATION.md) only with --report. --misses lists
 * the tuning part's failures with their answers. `--heldout ../shared/data/rtqa-news` runs the reader's
 * held-out questions (eval/heldout/) instead, all of them reported. `--mine <set>` (tuning, tuning-2,
 * tuning-3, heldout, heldout-2, heldout-3) runs our own sets over rtqa-news articles (eval/mine/, `--rtqa DIR` for another
 * rtqa-news folder): the held-out ones print their scores only, never their questions' answers. `--reader wink` asks with the
 * second sentence reader (docs/NLP.md); the default is compromise's.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadHeldout } from './heldout/load-heldout.js';
import { isHeldOut, loadMine, MINE_SETS, type MineSetName } from './mine/index.js';
import { readerLoader } from './nlp/wink-reader.js';
import { loadRealpages, type PageSet, runPagesEval, summarise, summaryTable } from './pages/index.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const USAGE =
  'usage: npm run eval:pages -- --data ../shared/data/realpages-dev [--json] [--report] [--misses]\n' +
  '       npm run eval:pages -- --heldout ../shared/data/rtqa-news [--json]\n' +
  `       npm run eval:pages -- --mine ${MINE_SETS.join('|')} [--rtqa ../shared/data/rtqa-news] [--json] [--misses]\n` +
  '       any of them with --reader compromise|wink\n';

async function main(): Promise<void> {
  const data = argValue('--data');
  const heldout = argValue('--heldout');
  const mine = argValue('--mine');
  const rtqa = argValue('--rtqa');
  const loadReader = readerLoader(argValue('--reader'));
  if (
    (!data && !heldout && !mine) ||
    (mine !== undefined && !(MINE_SETS as readonly string[]).includes(mine))
  ) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return;
  }
  const json = process.argv.includes('--json');
  const heldOutMine = mine !== undefined && isHeldOut(mine as MineSetName);
  // The held-out sets are all reported part: they are run only to report.
  const report = process.argv.includes('--report') || heldout !== undefined || heldOutMine;
  let tempDir: string | undefined;
  let set: PageSet;
  if (mine) {
    tempDir = await mkdtemp(join(tmpdir(), 'briefbot-mine-'));
    set = await loadMine(mine as MineSetName, tempDir, {
      ...(rtqa ? { docsFile: join(resolve(rtqa), 'docs.jsonl.gz') } : {}),
    });
  } else if (heldout) {
    const loaded = await loadHeldout(resolve(heldout));
    tempDir = loaded.dir;
    set = loaded.set;
  } else {
    set = await loadRealpages(resolve(data ?? ''));
  }
  const started = performance.now();
  const run = await runPagesEval(set, { loadReader }).finally(() =>
    tempDir ? rm(tempDir, { recursive: true, force: true }) : undefined,
  );
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const parts =
    heldout || heldOutMine
      ? (['reported'] as const)
      : mine
        ? (['tuning'] as const)
        : report
          ? (['tuning', 'reported'] as const)
          : (['tuning'] as const);
  const summaries = parts.map((part) => summarise(run.records, part));
  // Our held-out sets' answers stay unread, so that they stay a fair check: scores only.
  const shown = heldOutMine ? [] : run.records.filter((r) => (parts as readonly string[]).includes(r.part));
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ ...(mine ? { set: `eval/mine/${mine}.json` } : {}), ingest: run.ingest, seconds, summaries, records: shown })}\n`,
    );
    return;
  }
  process.stdout.write(
    `${mine ? `eval/mine/${mine}.json (${set.questions.length} questions; the store holds every eval/mine set's pages)\n` : ''}Ingested ${run.ingest.stored} of ${run.ingest.pages} pages by URL (${run.ingest.failed.length} failed) in a ${seconds} s run.\n\n`,
  );
  for (const s of summaries) process.stdout.write(`${summaryTable(s)}\n\n`);
  if (process.argv.includes('--misses')) {
    for (const r of shown.filter((x) => !x.ok && x.part === 'tuning')) {
      process.stdout.write(
        `MISS ${r.id} [${r.kind}] ${r.question}\n  ${r.abstained ? 'ABSTAINED' : `stated=${r.stated} cited=${r.cited} (${r.citedPages.join(',')})`}: ${r.answer.slice(0, 400)}\n`,
      );
    }
  }
  if (data && !report) process.stdout.write('(the reported part is printed only with --report)\n');
}

await main();
