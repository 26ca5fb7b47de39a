/**
 * @module probe/ingest-kill
 * Section "ingest-kill": `brief ingest <folder>` of the real CLI killed with SIGKILL at 20 moments
 * spread over a full ingest (text files, JSON files of many records each committed as one
 * transaction, web pages read in the page worker), each into a fresh data folder. After each kill the
 * store must pass integrity_check, hold no partial article (each stored article is exactly as a full
 * ingest stores it: same content, same passages, every passage indexed) and have its FTS index in
 * step; then the same ingest run again must complete, with every article stored once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createRandom } from '../bench/prng.js';
import { runBrief } from './brief-child.js';
import { ensureBuilt } from './build.js';
import { PROSE } from './hostile-texts.js';
import type { ProbeRunner } from './section.js';
import { openStoreFile, storeHealth } from './store-check.js';

const RUNS = 20;
const QUICK_RUNS = 5;

/** Per origin: what a complete ingest stores (content hash, passage count). */
type Expected = Map<string, string>;

export const runIngestKill: ProbeRunner = async ({ quick, workDir, log }) => {
  ensureBuilt(log);
  const corpus = join(workDir, 'corpus');
  const total = writeCorpus(corpus);
  // A full ingest first: what every article must look like, and how long the ingest takes.
  const full = await runBrief(['ingest', 'corpus', '--json'], {
    cwd: workDir,
    dataDir: join(workDir, 'full'),
    killAfterMs: 300_000,
  });
  if (full.code !== 0) throw new Error(`the full ingest failed: ${full.stderr || full.stdout}`);
  const expected = readArticles(join(workDir, 'full'));
  if (expected.size !== total)
    throw new Error(`the full ingest stored ${expected.size} of ${total} articles`);
  log(
    `${total} articles in ${Math.round(full.ms)} ms uninterrupted; ${quick ? QUICK_RUNS : RUNS} kill -9 runs`,
  );

  const runs = quick ? QUICK_RUNS : RUNS;
  const counts = {
    'killed mid-ingest': 0,
    'finished before the kill': 0,
    'killed before the store existed': 0,
  };
  const problems: string[] = [];
  let partial = 0;
  let broken = 0;
  let storedAtKill = 0;
  let rerunsComplete = 0;
  let duplicated = 0;
  let missing = 0;
  let slowestRerun = 0;
  for (let i = 0; i < runs; i++) {
    const dataDir = join(workDir, `run-${i}`);
    // Spread over the whole ingest, start-up (no store yet) to the last commits.
    const killAtMs = Math.round((full.ms * (i + 0.5)) / runs);
    const killed = await runBrief(['ingest', 'corpus', '--json'], { cwd: workDir, dataDir, killAtMs });
    if (!killed.killed) counts['finished before the kill']++;
    let db: Database.Database | null = null;
    try {
      db = openStoreFile(dataDir);
      // Killed between creating the file and committing the schema: nothing was stored yet.
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'passages'").get()) {
        db.close();
        db = null;
      }
    } catch {
      db = null;
    }
    if (!db) counts['killed before the store existed']++;
    if (db) {
      if (killed.killed) counts['killed mid-ingest']++;
      const health = storeHealth(db);
      const wrong = compare(db, expected);
      db.close();
      storedAtKill += health.articles;
      partial += wrong.length + health.withoutPassages;
      if (health.integrity !== 'ok' || health.ftsOutOfStep > 0 || health.duplicates > 0) {
        broken++;
        problems.push(`run ${i} (kill at ${killAtMs} ms): ${JSON.stringify(health)}`);
      }
      if (wrong.length > 0)
        problems.push(`run ${i}: not as a full ingest stores them: ${wrong.slice(0, 3).join(', ')}`);
    }
    const again = await runBrief(['ingest', 'corpus', '--json'], {
      cwd: workDir,
      dataDir,
      killAfterMs: 300_000,
    });
    slowestRerun = Math.max(slowestRerun, again.ms);
    const after = openStoreFile(dataDir);
    const health = storeHealth(after);
    const wrong = compare(after, expected);
    const stored = readArticles(dataDir, after);
    after.close();
    const gone = [...expected.keys()].filter((origin) => !stored.has(origin)).length;
    duplicated += health.duplicates;
    missing += gone;
    let report: { failed?: unknown[] } = {};
    try {
      report = JSON.parse(again.stdout);
    } catch {
      // Judged below: no report is no complete re-run.
    }
    const complete =
      again.code === 0 &&
      report.failed?.length === 0 &&
      gone === 0 &&
      wrong.length === 0 &&
      health.integrity === 'ok';
    if (complete) rerunsComplete++;
    else
      problems.push(
        `run ${i}: the re-run did not complete: exit ${again.code}, ${gone} missing, ${again.stderr.slice(0, 200)}`,
      );
    log(
      `run ${i + 1}/${runs}: killed at ${killAtMs} ms (${killed.killed ? 'mid-ingest' : 'after it ended'}), re-run ${complete ? 'complete' : 'INCOMPLETE'}`,
    );
  }
  return {
    name: 'ingest kill -9',
    tried: runs,
    outcomes: { ...counts, 're-runs complete': rerunsComplete, 'articles stored at the kills': storedAtKill },
    lost: missing,
    duplicated,
    targets: [
      {
        target: 'store intact after every kill (integrity_check, FTS in step, no duplicate)',
        met: broken === 0,
        measured: `${broken} of ${runs} broken`,
      },
      {
        target: 'no partial article after a kill (each as a full ingest stores it)',
        met: partial === 0,
        measured: `${partial} partial`,
      },
      {
        target: 'the re-run completes with every article once',
        met: rerunsComplete === runs && duplicated === 0 && missing === 0,
        measured: `${rerunsComplete} of ${runs} complete; ${missing} missing, ${duplicated} duplicated`,
      },
    ],
    notes: [
      `corpus: ${total} articles (${TEXT_FILES} text files, ${JSON_FILES} JSON files of ${RECORDS} records, ${PAGES} web pages); uninterrupted ingest ${Math.round(full.ms)} ms; slowest re-run ${Math.round(slowestRerun)} ms`,
      ...problems.slice(0, 10),
    ],
  };
};

const TEXT_FILES = 400;
const JSON_FILES = 16;
const RECORDS = 200;
const PAGES = 30;

/** A deterministic folder of articles, each with its own content; returns how many articles. */
function writeCorpus(dir: string): number {
  const random = createRandom(20261203);
  const words = PROSE.split(' ');
  const body = (n: number) =>
    Array.from({ length: random.int(3, 8) }, (_, p) => {
      const shuffled = words.map((w) => [random.next(), w] as const).sort((a, b) => a[0] - b[0]);
      return `Report ${n}, part ${p + 1}: ${PROSE} ${shuffled.map(([, w]) => w).join(' ')}.`;
    }).join('\n\n');
  mkdirSync(join(dir, 'text'), { recursive: true });
  mkdirSync(join(dir, 'json'));
  mkdirSync(join(dir, 'pages'));
  let n = 0;
  for (let i = 0; i < TEXT_FILES; i++, n++)
    writeFileSync(
      join(dir, 'text', `${String(i).padStart(3, '0')}.txt`),
      `Harbour report ${n}\n\n${body(n)}\n`,
    );
  for (let f = 0; f < JSON_FILES; f++) {
    const records = Array.from({ length: RECORDS }, () => {
      const record = { title: `Harbour record ${n}`, url: `https://news.example/kill/${n}`, text: body(n) };
      n++;
      return record;
    });
    writeFileSync(join(dir, 'json', `${f}.json`), JSON.stringify(records));
  }
  for (let i = 0; i < PAGES; i++, n++) {
    const paragraphs = body(n)
      .split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join('');
    writeFileSync(
      join(dir, 'pages', `${i}.html`),
      `<html><head><title>Harbour page ${n}</title></head><body><article><h1>Harbour page ${n}</h1>${paragraphs}</article></body></html>`,
    );
  }
  return n;
}

/** Origin → content hash, passage count and whether every passage is indexed and quotes the text. */
function readArticles(dataDir: string, open?: Database.Database): Expected {
  const db = open ?? openStoreFile(dataDir);
  const rows = db
    .prepare(
      `SELECT a.origin, a.content_hash, a.text, json_group_array(json_array(p.start, p."end", p.text, i.rowid IS NOT NULL)) AS passages
       FROM articles a LEFT JOIN passages p ON p.article_id = a.id LEFT JOIN passage_index i ON i.rowid = p.id
       GROUP BY a.id`,
    )
    .all() as { origin: string; content_hash: string; text: string; passages: string }[];
  if (!open) db.close();
  const found: Expected = new Map();
  for (const row of rows) {
    const passages = (
      JSON.parse(row.passages) as [number | null, number | null, string | null, number][]
    ).filter(([start]) => start !== null);
    const whole = passages.every(
      ([start, end, text, indexed]) => indexed === 1 && row.text.slice(start ?? 0, end ?? 0) === text,
    );
    found.set(row.origin, `${row.content_hash}:${passages.length}:${whole ? 'whole' : 'broken'}`);
  }
  return found;
}

/** Stored articles that differ from the full ingest's (or are broken). */
function compare(db: Database.Database, expected: Expected): string[] {
  const wrong: string[] = [];
  for (const [origin, digest] of readArticles('', db))
    if (expected.get(origin) !== digest) wrong.push(origin);
  return wrong;
}
