/**
 * `npm run eval:conversation [-- --data ../shared/data/realpages-dev] [--report] [--misses] [--json]`:
 * the conversation cases (eval/conversation/cases.ts) through `brief chat --json`'s code, over the seeds
 * and the saved pages ingested by URL (the pages default to ../shared/data/realpages-dev when it is
 * there). Prints a table per category for the cases used while changing the code; the held-out cases
 * only with --report. --misses lists the failures shown, with their last reply.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CASES, CATEGORIES } from './conversation/cases.js';
import { type CaseResult, runConversationEval } from './conversation/run-conversation-eval.js';
import { loadRealpages } from './pages/index.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function table(results: CaseResult[], title: string): string {
  const rows = [`${title}`, '', '| category | seeds | pages | all |', '|---|--:|--:|--:|'];
  const cell = (rs: CaseResult[]) =>
    rs.length === 0 ? '–' : `${rs.filter((r) => r.ok).length}/${rs.length}`;
  for (const category of CATEGORIES) {
    const of = results.filter((r) => r.case.category === category);
    if (of.length === 0) continue;
    const seeds = of.filter((r) => r.case.corpus === 'seeds');
    const pages = of.filter((r) => r.case.corpus === 'pages');
    rows.push(`| ${category} | ${cell(seeds)} | ${cell(pages)} | ${cell(of)} |`);
  }
  const seeds = results.filter((r) => r.case.corpus === 'seeds');
  const pages = results.filter((r) => r.case.corpus === 'pages');
  rows.push(`| **all** | ${cell(seeds)} | ${cell(pages)} | ${cell(results)} |`);
  return rows.join('\n');
}

async function main(): Promise<void> {
  const data =
    argValue('--data') ??
    (existsSync('../shared/data/realpages-dev') ? '../shared/data/realpages-dev' : null);
  const report = process.argv.includes('--report');
  const pages = data ? (await loadRealpages(resolve(data))).pages : null;
  if (!pages) process.stderr.write('realpages-dev not found (--data <folder>): only the seeds are run\n');
  const started = performance.now();
  const run = await runConversationEval(CASES, pages);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const tuning = run.results.filter((r) => !r.case.heldOut);
  const heldOut = run.results.filter((r) => r.case.heldOut);
  const shown = report ? run.results : tuning;
  if (process.argv.includes('--json')) {
    process.stdout.write(
      `${JSON.stringify({ seconds, pages: run.pages, results: shown.map((r) => ({ id: r.case.id, ok: r.ok, problems: r.problems })) })}\n`,
    );
    return;
  }
  const ingested = run.pages ? `; ${run.pages.stored} of ${run.pages.served} pages ingested by URL` : '';
  process.stdout.write(`${run.results.length} cases in ${seconds} s${ingested}.\n\n`);
  process.stdout.write(`${table(tuning, `Cases used while changing the code (${tuning.length})`)}\n\n`);
  if (report) process.stdout.write(`${table(heldOut, `Held-out cases (${heldOut.length})`)}\n\n`);
  else process.stdout.write('(the held-out cases are printed only with --report)\n');
  if (process.argv.includes('--misses')) {
    for (const r of shown.filter((x) => !x.ok)) {
      process.stdout.write(
        `MISS ${r.case.id} [${r.case.category}] ${r.case.turns.join(' → ')}\n  ${r.problems.join('; ')}\n  ${r.last?.kind}: ${(r.last?.answer ?? r.last?.error ?? '').slice(0, 300).replace(/\n/g, ' / ')}\n`,
      );
    }
  }
}

await main();
