/**
 * @module eval/nlp/compare
 * `npm run -s eval:nlp [-- --misses | --json] [--only NAME,NAME]`: compares English NLP libraries for the reader on the tuning
 * sets' answer sentences (issue 15). Each candidate runs in a fresh Node process, so that its load
 * time and memory are its own. Results and the decision: docs/NLP.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Labelled, loadLabelled, SPAN_KINDS } from './labelled.js';
import { type CandidateScore, type CostScore, costOf, scoreCandidate, timeSentences } from './score.js';
import { CANDIDATES } from './taggers.js';

const HERE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(HERE), '..', '..');

interface Result extends CandidateScore {
  name: string;
  cost: CostScore;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function child(name: string, dataFile: string): Promise<void> {
  const candidate = CANDIDATES.find((c) => c.name === name);
  if (!candidate) throw new Error(`no candidate ${name}`);
  const data = JSON.parse(await readFile(dataFile, 'utf8')) as Labelled;
  gc();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const tagger = await candidate.load();
  const loadMs = performance.now() - t0;
  gc();
  const loadRss = process.memoryUsage().rss - rss0;
  const { first, times } = timeSentences(tagger, data);
  const score = scoreCandidate(tagger, data);
  gc();
  const result: Result = {
    name,
    ...score,
    cost: {
      loadMs,
      firstSentenceMs: first,
      perSentenceMs: costOf(times.slice(1)),
      sentences: times.length,
      loadRssMb: mb(loadRss),
      heapAfterMb: mb(process.memoryUsage().heapUsed),
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((100 * n) / d)}%`);
const f2 = (n: number) => n.toFixed(2);

function table(results: Result[], data: Labelled): string {
  const out: string[] = [];
  const kinds = SPAN_KINDS.map((k) => `${k} (${data.questions.filter((q) => q.kind === k).length})`);
  out.push('Recall: questions whose answer sentence gets a span of the kind containing an expected form');
  out.push('(in brackets: or a part of one)\n');
  out.push(`| candidate | ${kinds.join(' | ')} | all |`);
  out.push(`|---|${SPAN_KINDS.map(() => '--:').join('|')}|--:|`);
  for (const r of results) {
    const c = SPAN_KINDS.map((k) => `${r.kinds[k].covers} (${r.kinds[k].part})`);
    const covers = SPAN_KINDS.reduce((a, k) => a + r.kinds[k].covers, 0);
    out.push(`| ${r.name} | ${c.join(' | ')} | ${pct(covers, data.questions.length)} |`);
  }
  out.push('\nNoise: spans of the kind per sentence of the articles / other spans per answer sentence\n');
  out.push(`| candidate | ${SPAN_KINDS.join(' | ')} |`);
  out.push(`|---|${SPAN_KINDS.map(() => '--:').join('|')}|`);
  for (const r of results)
    out.push(
      `| ${r.name} | ${SPAN_KINDS.map((k) => `${f2(r.kinds[k].spansPerSentence)} / ${f2(r.kinds[k].otherPerAnswerSentence)}`).join(' | ')} |`,
    );
  out.push('\nSentences against the project splitter (per paragraph), and cost\n');
  out.push(
    '| candidate | sentence precision | sentence recall | answer inside one sentence | load ms | first sentence ms | per sentence ms mean / p50 / p95 / max | load RSS MB | heap after MB |',
  );
  out.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const s = r.sentences;
    const p = r.cost.perSentenceMs;
    out.push(
      `| ${r.name} | ${s ? pct(s.precision * 1000, 1000) : '–'} | ${s ? pct(s.recall * 1000, 1000) : '–'} | ${s ? `${s.answerWhole}/${s.questions}` : '–'} | ${Math.round(r.cost.loadMs)} | ${f2(r.cost.firstSentenceMs)} | ${f2(p.mean)} / ${f2(p.p50)} / ${f2(p.p95)} / ${f2(p.max)} | ${Math.round(r.cost.loadRssMb)} | ${Math.round(r.cost.heapAfterMb)} |`,
    );
  }
  return out.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--child');
  if (at >= 0) return child(argv[at + 1] ?? '', argv[at + 2] ?? '');
  const json = argv.includes('--json');
  const only = argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '').split(',') : null;
  const data = await loadLabelled(ROOT);
  const dir = await mkdtemp(join(tmpdir(), 'briefbot-nlp-'));
  const dataFile = join(dir, 'labelled.json');
  await writeFile(dataFile, JSON.stringify(data));
  const results: Result[] = [];
  try {
    for (const c of CANDIDATES) {
      if (only && !only.includes(c.name)) continue;
      const run = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', HERE, '--child', c.name, dataFile],
        {
          cwd: ROOT,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      if (run.status !== 0) throw new Error(`${c.name} failed: ${run.stderr}`);
      results.push(JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Result);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ questions: data.questions.length, results }, null, 2)}\n`);
    return;
  }
  const bySet = (s: string) => data.questions.filter((q) => q.set === s).length;
  console.log(
    `${data.questions.length} answerable questions of a span kind (realpages-dev tuning ${bySet('realpages')}, eval/mine tuning ${bySet('mine')}, seeds ${bySet('seeds')}), ${data.questions.reduce((a, q) => a + q.sentences.length, 0)} answer sentences, ${data.articles.length} articles; unplaced: ${data.unplaced.length}\n`,
  );
  for (const c of CANDIDATES) if (!only || only.includes(c.name)) console.log(`- ${c.name}: ${c.note}`);
  console.log(`\n${table(results, data)}`);
  if (argv.includes('--misses'))
    for (const r of results) {
      console.log(`\n${r.name}: misses`);
      for (const m of r.misses)
        console.log(
          `  ${m.id} (${m.kind}) wants ${JSON.stringify(m.forms)}, got ${JSON.stringify(m.found.slice(0, 8))}`,
        );
    }
}

await main(process.argv.slice(2));
