import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  type FakeOpenAiServer,
  jsonReply,
  type RecordedRequest,
  startFakeOpenAiServer,
} from '../../src/llm/testing/fake-openai-server.js';
import { citationOf } from '../../src/test-support/model-briefing.js';
import { formatSummary, type RtqaReport, runRtqaEval } from './index.js';

const WEEK = '20230106';

const PAGES = [
  {
    title: 'Damar Hamlin collapses on the field in Cincinnati',
    text:
      'Buffalo Bills safety Damar Hamlin collapsed on the field on Monday night after a tackle. ' +
      'Medics restored his heartbeat before he was taken to the University of Cincinnati Medical Center.\n\n' +
      'The game against the Cincinnati Bengals was suspended and later cancelled by the league.',
  },
  {
    title: 'Winter storm brings snow to the Midwest',
    text:
      'A winter storm dropped more than a foot of snow across parts of the Midwest this week. ' +
      'Forecasters said more snow was on the way for the Great Lakes.',
  },
  {
    title: 'Rail workers plan walkouts in January',
    text:
      'Rail workers in Britain announced another round of walkouts over pay this week. ' +
      'Talks between the unions and the government broke down again.',
  },
  {
    title: 'Stocks end the year lower',
    text:
      'Wall Street closed out its worst year since 2008 as investors worried about interest rates. ' +
      'The S&P 500 fell nearly 20 percent over the year.',
  },
];

const QUESTIONS = [
  {
    id: `${WEEK}_0`,
    question: 'NFL player Damar Hamlin collapsed on the field this week. He plays for which team?',
    answers: ['Buffalo Bills'],
    answerable: true,
    supported: true,
    answer_match: 'exact',
    qrel: ['0'],
  },
  {
    id: `${WEEK}_1`,
    question: 'Which train drivers union announced new rail strikes in Britain this week?',
    answers: ['Aslef'],
    answerable: false,
    supported: false,
    answer_match: 'none',
    qrel: null,
  },
  {
    id: `${WEEK}_2`,
    question: 'How much snow did the winter storm drop on the Midwest?',
    answers: ['more than a foot'],
    answerable: true,
    supported: true,
    answer_match: 'exact',
    qrel: ['1'],
  },
];

const gz = (rows: unknown[]) => gzipSync(`${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);

/** A one-week rtqa-news folder in the data set's own file format. */
async function writeDataSet(dir: string): Promise<void> {
  const pages = PAGES.map((p, i) => ({
    id: `${WEEK}-${i}`,
    week: WEEK,
    title: p.title,
    url: `https://news.example/${i}`,
    source: 'news.example',
    publish_date: '2023/01/04',
    text: p.text,
  }));
  const queries = QUESTIONS.map((q) => ({
    id: q.id,
    week: WEEK,
    question_date: '2023-01-05',
    question: q.question,
    choices: [q.answers[0], 'Something else'],
    answers: q.answers,
    evidence: null,
    answerable: q.answerable,
    supported: q.supported,
    answer_match: q.answer_match,
    weak_answer: false,
    source: 'CNN',
    split: 'dev',
  }));
  const qrels = QUESTIONS.flatMap((q) => {
    const ids = q.qrel?.map((n) => `${WEEK}-${n}`);
    return ids ? [{ query_id: q.id, doc_ids: ids, support_doc_ids: ids }] : [];
  });
  await writeFile(join(dir, 'docs.jsonl.gz'), gz(pages));
  await writeFile(join(dir, 'queries.jsonl.gz'), gz(queries));
  await writeFile(join(dir, 'qrels.jsonl.gz'), gz(qrels));
  await writeFile(
    join(dir, 'gcs_rank.jsonl.gz'),
    gz(QUESTIONS.map((q) => ({ query_id: q.id, doc_ids: [] }))),
  );
}

const questionOf = (request: RecordedRequest): string =>
  /Question: (.*)/.exec(
    request.body.messages.find((m: { role: string }) => m.role === 'user').content as string,
  )?.[1] ?? '';

describe('rtqa evaluation through the model path', () => {
  let dir: string;
  let fake: FakeOpenAiServer;
  let report: RtqaReport;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rtqa-model-'));
    await writeDataSet(dir);
    fake = await startFakeOpenAiServer();
    // The model answers the Hamlin question from its passage, declines the union question, and its
    // server refuses the storm question, so the bot falls back to quotes.
    fake.onChat((request) => {
      const question = questionOf(request);
      if (question.includes('Hamlin')) {
        return jsonReply({
          sentences: [
            {
              text: 'Damar Hamlin plays for the Buffalo Bills.',
              citations: [citationOf(request, 'Buffalo Bills')],
            },
          ],
          disagreement: false,
          cannot_answer: false,
        });
      }
      if (question.includes('union'))
        return jsonReply({ sentences: [], disagreement: false, cannot_answer: true });
      return { status: 401, message: 'Incorrect API key provided' };
    });
    report = await runRtqaEval({
      dataDir: dir,
      split: 'dev',
      workers: 1,
      model: loadConfig({
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MODEL: 'quiz-reader',
        OPENAI_EMBEDDING_MODEL: 'quiz-embedder',
        OPENAI_TIMEOUT_MS: '5000',
      }),
    });
  }, 60_000);

  afterAll(async () => {
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('scores the answers the model wrote, verified against the quoted pages', () => {
    const hamlin = report.records.find((r) => r.id === `${WEEK}_0`);
    expect(hamlin).toMatchObject({
      mode: 'llm',
      abstained: false,
      containment: true,
      citation_validity: true,
    });
    expect(hamlin?.answer).toContain('Damar Hamlin plays for the Buffalo Bills. [1]');
    expect(hamlin?.citations[0]).toMatchObject({ doc_id: `${WEEK}-0`, valid: true });
  });

  it('counts a model that declines as an abstention, and a failed call as a fallback to quotes', () => {
    const union = report.records.find((r) => r.id === `${WEEK}_1`);
    expect(union).toMatchObject({ mode: 'llm', abstained: true });
    const storm = report.records.find((r) => r.id === `${WEEK}_2`);
    expect(storm?.mode).toBe('extractive');
    expect(storm?.note).toEqual(expect.any(String));
    expect(report.systems.briefbot.abstention_recall).toBe(1);
    expect(report.model).toEqual({
      chat_model: 'quiz-reader',
      embedding_model: 'quiz-embedder',
      answered_by_model: 0.6667,
      fallbacks: 1,
      embedded_passages: report.ingest.passages,
    });
  });

  it('embeds the week and each question for hybrid retrieval, and says so in the summary', () => {
    const embedded = fake.requests
      .filter((r) => r.path === '/v1/embeddings')
      .flatMap((r) => (Array.isArray(r.body.input) ? r.body.input : [r.body.input]) as string[]);
    expect(embedded.filter((t) => t.startsWith('Damar Hamlin collapses on the field'))).not.toHaveLength(0);
    for (const q of QUESTIONS) expect(embedded).toContain(q.question);
    expect(fake.chatRequests().map((r) => r.body.model)).toEqual([
      'quiz-reader',
      'quiz-reader',
      'quiz-reader',
    ]);
    expect(formatSummary(report)).toContain('model path: quiz-reader, hybrid retrieval with quiz-embedder (');
  });

  it('refuses to run the model path with neither a server nor a key', async () => {
    await expect(
      runRtqaEval({ dataDir: dir, split: 'dev', workers: 1, model: loadConfig({}) }),
    ).rejects.toThrow('the model path needs OPENAI_BASE_URL or OPENAI_API_KEY');
  });
});
