/**
 * @module eval/kind-confusion
 * The reader's kind of each tuning-part question against the kind its set tags it with: realpages-dev's
 * tuning part (by `partOf`) and eval/mine's tuning set. Prints the confusion and the disagreements; never
 * reads a held-out or reported question.
 */
import { readFile } from 'node:fs/promises';
import nlp from 'compromise';
import { kindOfQuestion } from '../src/core/reader/answer-kind.js';
import { createSentenceReader } from '../src/core/reader/answer-spans.js';
import { loadRealpages } from './pages/dataset.js';

const reader = createSentenceReader(nlp);
const dataDir = process.argv[2] ?? '../shared/data/realpages-dev';
const pages = (await loadRealpages(dataDir)).questions.filter((q) => q.part === 'tuning');
const mine = JSON.parse(await readFile('eval/mine/tuning.json', 'utf8')) as {
  part: string;
  questions: { id: string; q: string; kind: string }[];
};
if (mine.part !== 'tuning') throw new Error('eval/mine/tuning.json is not the tuning part');
const all = [
  ...pages.map((q) => ({ id: q.id, q: q.question, kind: q.kind as string })),
  ...mine.questions.map((q) => ({ id: q.id, q: q.q, kind: q.kind })),
];
const confusion = new Map<string, number>();
let agree = 0;
for (const q of all) {
  const got = kindOfQuestion(q.q, reader.tagged(q.q));
  if (got === q.kind) agree++;
  else console.log(`${q.id}\ttagged ${q.kind}\tread ${got}\t${q.q}`);
  const key = `${q.kind} -> ${got}`;
  confusion.set(key, (confusion.get(key) ?? 0) + 1);
}
console.log(`\nagree ${agree}/${all.length}`);
for (const [k, n] of [...confusion].sort()) console.log(`${k}\t${n}`);
