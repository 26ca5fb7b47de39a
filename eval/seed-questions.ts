/**
 * The seed evaluation's questions: answerable ones with the fact the answer must state and the seeds
 * that support it (by file prefix), and unanswerable ones (off-topic and near misses). Shared by
 * `npm run eval:seeds` and the regression test in test/seeds-eval.test.ts.
 */

export interface Answerable {
  question: string;
  fact: RegExp;
  seeds: string[];
}

export const ANSWERABLE: Answerable[] = [
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

export const UNANSWERABLE: string[] = [
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
