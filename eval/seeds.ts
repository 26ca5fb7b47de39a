/**
 * `npm run eval:seeds`: Briefbot's own evaluation over the five bundled seed articles. Answerable
 * questions name the fact the answer must state and the seeds that support it; unanswerable ones are
 * off-topic or near misses (about a company the articles mention, on a fact they don't give).
 * Correct-and-cited = not abstained, the fact is in the answer, and a citation from a supporting seed
 * quotes it. Prints a table, or JSON with --json; exits 1 below the 90% targets.
 */
import { createSeededBriefing } from '../src/test-support/seeded-briefing.js';

interface Answerable {
  question: string;
  fact: RegExp;
  seeds: string[];
}

const ANSWERABLE: Answerable[] = [
  {
    question: 'How much is the OpenAI AWS deal worth?',
    fact: /\$38 billion/,
    seeds: ['001', '002', '003', '004'],
  },
  {
    question: 'How long does the AWS agreement last?',
    fact: /seven years|seven-year/,
    seeds: ['001', '002', '004'],
  },
  {
    question: 'When will the capacity be fully deployed?',
    fact: /end of 2026|by 2026/,
    seeds: ['001', '002'],
  },
  { question: 'Who is the CEO of AWS?', fact: /Matt Garman/, seeds: ['001', '004'] },
  {
    question: 'What did Sam Altman say about the partnership?',
    fact: /Altman/,
    seeds: ['000', '001', '002', '004'],
  },
  { question: 'How much did Amazon stock rise after the news?', fact: /5%/, seeds: ['003', '004'] },
  { question: 'Which Nvidia GPUs are in the EC2 UltraServers?', fact: /GB200|GB300/, seeds: ['001'] },
  {
    question: 'Which AWS chips are mentioned besides Nvidia GPUs?',
    fact: /Trainium|Inferentia/,
    seeds: ['000', '004'],
  },
  { question: 'Who is Dave Brown?', fact: /vice president/, seeds: ['003', '004'] },
  { question: 'How much has Amazon invested in Anthropic?', fact: /\$8 billion/, seeds: ['004'] },
  { question: 'How much will OpenAI spend on Microsoft services?', fact: /\$250 billion/, seeds: ['004'] },
  { question: 'What is Project Rainier?', fact: /\$11 billion data center|Project Rainier/, seeds: ['004'] },
  {
    question: 'Until when does Microsoft keep exclusive rights to distribute OpenAI models?',
    fact: /2032/,
    seeds: ['004'],
  },
  {
    question: 'Which customers use OpenAI models on Bedrock?',
    fact: /Peloton|Comscore|Thomson Reuters/,
    seeds: ['001'],
  },
  {
    question: 'How many chips do AWS clusters exceed?',
    fact: /500,000|half a million/,
    seeds: ['001', '002'],
  },
  { question: 'Where is OpenAI leasing a new office?', fact: /San Francisco/, seeds: ['002'] },
  { question: 'What energy will the new AWS facilities use?', fact: /renewable/, seeds: ['002'] },
  {
    question: 'Which cloud did OpenAI mainly rely on before AWS?',
    fact: /Azure/,
    seeds: ['002', '003', '004'],
  },
  {
    question: 'How many CPUs can the deal scale to?',
    fact: /tens of millions of CPUs/,
    seeds: ['001', '002'],
  },
  { question: 'Which AI chips does Amazon design itself?', fact: /Trainium/, seeds: ['000', '004'] },
];

const UNANSWERABLE: string[] = [
  'Who won the 2022 World Cup?',
  'What is the weather in Paris tomorrow?',
  'What is the best recipe for lasagna?',
  "What was Nvidia's quarterly revenue?",
  "What is Microsoft's market capitalization?",
  'How many employees does OpenAI have?',
  "What is Google's price for Gemini API tokens?",
  'When will Anthropic release Claude 5?',
  'How much did Meta spend on data centers last year?',
  'What is the interest rate set by the Federal Reserve?',
];

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
  const seeded = await createSeededBriefing();
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
