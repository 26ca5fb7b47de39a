/**
 * @module eval/rtqa/dataset
 * Reads the rtqa-news evaluation set (see its README): questions, relevance judgements and Google's
 * ranking, checked with zod, and the pages streamed week by week from the gzipped JSON Lines, so the
 * 68 MB of text never has to sit in memory at once.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

export type Split = 'dev' | 'test';

const WEEK = z.string().regex(/^\d{8}$/, 'a week is YYYYMMDD');

const QuestionRecord = z.object({
  id: z.string().min(1),
  week: WEEK,
  question_date: z.iso.date(),
  question: z.string().min(1),
  choices: z.array(z.string()),
  answers: z.array(z.string().min(1)).min(1),
  evidence: z.string().nullable(),
  answerable: z.boolean(),
  supported: z.boolean(),
  answer_match: z.enum(['exact', 'partial', 'none']),
  weak_answer: z.boolean(),
  source: z.string(),
  split: z.enum(['dev', 'test']),
});

const QrelRecord = z.object({
  query_id: z.string().min(1),
  doc_ids: z.array(z.string()),
  support_doc_ids: z.array(z.string()),
  evidence_doc_ids: z.array(z.string()).optional(),
});

const RankRecord = z.object({ query_id: z.string().min(1), doc_ids: z.array(z.string()) });

const PageRecord = z.object({
  id: z.string().min(1),
  week: WEEK,
  title: z.string(),
  url: z.string().min(1),
  source: z.string().nullable(),
  publish_date: z.string().nullable(),
  text: z.string().min(1),
});

export type RtqaPage = z.infer<typeof PageRecord>;

export type AnswerMatch = 'exact' | 'partial' | 'none';

export interface RtqaQuestion {
  id: string;
  week: string;
  /** YYYY-MM-DD: the quiz date, treated as "now". */
  questionDate: string;
  question: string;
  choices: string[];
  answers: string[];
  answerable: boolean;
  supported: boolean;
  answerMatch: AnswerMatch;
  weakAnswer: boolean;
  /** The quiz publisher (CNN, THE WEEK, USAtoday, DelawareOnline). */
  source: string;
  split: Split;
  /** Pages of the week that contain a gold answer (lenient relevance). */
  docIds: string[];
  /** The subset whose answer sits near the question's words (strict relevance). */
  supportDocIds: string[];
  /** Google's ranking for this very question. */
  gcsDocIds: string[];
}

/** The README's clean answerable subset: supported and not a weak answer. */
export function isCleanAnswerable(q: Pick<RtqaQuestion, 'supported' | 'weakAnswer'>): boolean {
  return q.supported && !q.weakAnswer;
}

/** The README's clean abstention subset: no trace of the answer in the week, and not a weak answer. */
export function isCleanAbstention(q: Pick<RtqaQuestion, 'answerMatch' | 'weakAnswer'>): boolean {
  return q.answerMatch === 'none' && !q.weakAnswer;
}

/** The raw lines of a gzipped file, numbered from 1; stopping early closes the file. */
async function* readGzipLines(path: string): AsyncGenerator<{ n: number; line: string }> {
  const input = createReadStream(path);
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() !== '') yield { n, line };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

function parseLine<T>(path: string, n: number, line: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new Error(`${path}:${n}: invalid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'record'}: ${i.message}`)
      .join('; ');
    throw new Error(`${path}:${n}: unexpected record: ${problems}`);
  }
  return parsed.data;
}

/** Every record of a gzipped JSON Lines file, validated; a bad line fails with its file and number. */
export async function* readJsonLines<T>(path: string, schema: z.ZodType<T>): AsyncGenerator<T> {
  for await (const { n, line } of readGzipLines(path)) yield parseLine(path, n, line, schema);
}

/** All questions with their judgements and Google's ranking, in file order. */
export async function loadQuestions(dataDir: string): Promise<RtqaQuestion[]> {
  const qrels = new Map<string, z.infer<typeof QrelRecord>>();
  for await (const r of readJsonLines(join(dataDir, 'qrels.jsonl.gz'), QrelRecord)) qrels.set(r.query_id, r);
  const gcs = new Map<string, string[]>();
  for await (const r of readJsonLines(join(dataDir, 'gcs_rank.jsonl.gz'), RankRecord))
    gcs.set(r.query_id, r.doc_ids);
  const questions: RtqaQuestion[] = [];
  for await (const r of readJsonLines(join(dataDir, 'queries.jsonl.gz'), QuestionRecord)) {
    const qrel = qrels.get(r.id);
    if (r.answerable && !qrel) throw new Error(`question ${r.id} is answerable but has no qrels row`);
    questions.push({
      id: r.id,
      week: r.week,
      questionDate: r.question_date,
      question: r.question,
      choices: r.choices,
      answers: r.answers,
      answerable: r.answerable,
      supported: r.supported,
      answerMatch: r.answer_match,
      weakAnswer: r.weak_answer,
      source: r.source,
      split: r.split,
      docIds: qrel?.doc_ids ?? [],
      supportDocIds: qrel?.support_doc_ids ?? [],
      gcsDocIds: gcs.get(r.id) ?? [],
    });
  }
  return questions;
}

/** The week of a page line, read from its raw text so that unwanted weeks are never parsed. */
const PAGE_WEEK = /"week"\s*:\s*"(\d{8})"/;

/**
 * The pages of the wanted weeks, one week at a time, in file order. The file is grouped by week; a
 * week that comes back after another one is an error rather than a silently split pool. Reading stops
 * once every wanted week is complete.
 */
export async function* readPageWeeks(
  dataDir: string,
  weeks: ReadonlySet<string>,
): AsyncGenerator<{ week: string; pages: RtqaPage[] }> {
  const path = join(dataDir, 'docs.jsonl.gz');
  const remaining = new Set(weeks);
  const seen = new Set<string>();
  let week: string | null = null;
  let pages: RtqaPage[] = [];
  for await (const { n, line } of readGzipLines(path)) {
    const lineWeek = PAGE_WEEK.exec(line)?.[1] ?? parseLine(path, n, line, PageRecord).week;
    if (lineWeek !== week) {
      if (seen.has(lineWeek)) throw new Error(`${path}:${n}: not grouped by week: ${lineWeek} appears twice`);
      if (week !== null && weeks.has(week)) {
        yield { week, pages };
        remaining.delete(week);
        if (remaining.size === 0) return;
      }
      seen.add(lineWeek);
      week = lineWeek;
      pages = [];
    }
    if (weeks.has(lineWeek)) pages.push(parseLine(path, n, line, PageRecord));
  }
  if (week !== null && weeks.has(week)) yield { week, pages };
}
