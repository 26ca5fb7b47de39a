/**
 * `npm run eval:seeds`: Briefbot's own evaluation over the five bundled seed articles. Answerable
 * questions name the fact the answer must state and the seeds that support it; unanswerable ones are
 * off-topic or near misses (about a company the articles mention, on a fact they don't give).
 * Correct-and-cited = not abstained, the fact is in the answer, and a citation from a supporting seed
 * quotes it. Prints a table, or JSON with --json; exits 1 below the 90% targets. `--reader wink` asks
 * with the second sentence reader (docs/NLP.md).
 */
import { createSeededBriefing } from '../src/test-support/seeded-briefing.js';
import { readerLoader } from './nlp/wink-reader.js';
import { ANSWERABLE, UNANSWERABLE } from './seed-questions.js';

interface Row {
  question: string;
  expected: 'answer' | 'abstain';
  ok: boolean;
  abstained: boolean;
  answer: string;
  why: string;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const at = process.argv.indexOf('--reader');
  const seeded = await createSeededBriefing(undefined, {
    loadReader: readerLoader(at >= 0 ? process.argv[at + 1] : undefined),
  });
  const seedOf = (origin: string) => /seeds\/(\d{3})_/.exec(origin)?.[1] ?? '';
  const rows: Row[] = [];
  for (const item of ANSWERABLE) {
    const answer = await seeded.briefing.ask(item.question);
    const stated = item.fact.test(answer.answer);
    const cited = answer.citations.some(
      (c) => item.seeds.includes(seedOf(c.origin)) && item.fact.test(c.quote),
    );
    const ok = !answer.abstained && stated && cited;
    const why = answer.abstained
      ? 'abstained'
      : !stated
        ? 'fact missing'
        : !cited
          ? 'no supporting citation'
          : '';
    rows.push({
      question: item.question,
      expected: 'answer',
      ok,
      abstained: answer.abstained,
      answer: answer.answer,
      why,
    });
  }
  for (const question of UNANSWERABLE) {
    const answer = await seeded.briefing.ask(question);
    rows.push({
      question,
      expected: 'abstain',
      ok: answer.abstained,
      abstained: answer.abstained,
      answer: answer.answer,
      why: answer.abstained ? '' : 'answered',
    });
  }
  seeded.close();
  const answerable = rows.filter((r) => r.expected === 'answer');
  const unanswerable = rows.filter((r) => r.expected === 'abstain');
  const correctAndCited = answerable.filter((r) => r.ok).length / answerable.length;
  const abstention = unanswerable.filter((r) => r.ok).length / unanswerable.length;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ questions: rows.length, correctAndCited, abstention, rows })}\n`,
    );
  } else {
    for (const r of rows)
      process.stdout.write(
        `${r.ok ? 'ok  ' : 'FAIL'} ${r.expected.padEnd(7)} ${r.question}${r.why ? `  <- ${r.why}` : ''}\n`,
      );
    process.stdout.write(
      `\n| set | questions | score | target |\n|---|---|---|---|\n` +
        `| answerable: correct and cited | ${answerable.length} | ${(correctAndCited * 100).toFixed(1)}% | 90% |\n` +
        `| unanswerable: abstained | ${unanswerable.length} | ${(abstention * 100).toFixed(1)}% | 90% |\n`,
    );
  }
  process.exitCode = correctAndCited >= 0.9 && abstention >= 0.9 ? 0 : 1;
}

await main();
