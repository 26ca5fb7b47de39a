/**
 * Regression guard for retrieval and abstention on real news (issue 3): the clean questions of the
 * first seven dev weeks of rtqa-news (133 questions), scored by the same harness as `npm run eval`.
 * Floors sit a little below the numbers measured when they were set (see docs/EVALUATION.md), so a
 * change that breaks retrieval, answering or abstention fails here. The data lives beside the
 * repository (../shared/data, or RTQA_DATA_DIR), as in CI. Without it the guard is skipped with one line
 * saying why, except under CI=true, where it fails at once naming the missing folder.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCleanAbstention, isCleanAnswerable, loadQuestions } from '../eval/rtqa/dataset.js';
import { runRtqaEval } from '../eval/rtqa/index.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

const DATA = process.env.RTQA_DATA_DIR || join(PROJECT_ROOT, '..', 'shared', 'data', 'rtqa-news');
const WEEKS = ['20230106', '20230113', '20230120', '20230127', '20230203', '20230210', '20230217'];
const FILES = ['docs.jsonl.gz', 'queries.jsonl.gz', 'qrels.jsonl.gz', 'gcs_rank.jsonl.gz'];
const missing = FILES.filter((file) => !existsSync(join(DATA, file)));
const inCi = !['', '0', 'false', undefined].includes(process.env.CI?.toLowerCase());
const absence = `the rtqa-news data is missing: ${existsSync(DATA) ? `no ${missing.join(', ')} in` : 'no folder'} ${DATA}`;
if (missing.length > 0 && !inCi) {
  process.stderr.write(`rtqa-news regression guard skipped: ${absence} (under CI=true this fails)\n`);
}

describe('rtqa-news regression guard', () => {
  it.skipIf(missing.length > 0 && !inCi)(
    'keeps retrieval, answers and abstention above their floors on a fixed dev subset',
    async () => {
      // Checked before the evaluation starts: it would wait on the missing files, then fail obscurely.
      if (missing.length > 0) {
        throw new Error(`${absence}. CI=true needs it: put shared/data/rtqa-news beside the checkout.`);
      }
      const questions = (await loadQuestions(DATA)).filter(
        (q) => WEEKS.includes(q.week) && (isCleanAnswerable(q) || isCleanAbstention(q)),
      );
      expect(questions.length).toBeLessThanOrEqual(200);
      const report = await runRtqaEval({
        dataDir: DATA,
        split: 'dev',
        questionIds: questions.map((q) => q.id),
        workers: 1,
      });
      const scores = report.systems.briefbot;
      expect({
        'hit@5': scores['hit@5'],
        'mrr@10': scores['mrr@10'],
        containment: scores.containment,
        abstention_recall: scores.abstention_recall,
        abstention_precision: scores.abstention_precision,
      }).toEqual({
        'hit@5': expect.toBeAboveFloor(FLOORS['hit@5']),
        'mrr@10': expect.toBeAboveFloor(FLOORS['mrr@10']),
        containment: expect.toBeAboveFloor(FLOORS.containment),
        abstention_recall: expect.toBeAboveFloor(FLOORS.abstention_recall),
        abstention_precision: expect.toBeAboveFloor(FLOORS.abstention_precision),
      });
      expect(scores.citation_validity).toBe(1);
    },
    180_000,
  );
});

/**
 * Measured on this subset when set: Hit@5 0.908, MRR@10 0.794, containment 0.480, recall 0.886, precision 0.633.
 * Stop 23: the first-word key-name rule answered one more near miss (recall 0.829, floor briefly 0.82);
 * with it taken out again recall holds the 0.85 floor (full dev 80.7%).
 */
const FLOORS = {
  'hit@5': 0.88,
  'mrr@10': 0.76,
  containment: 0.46,
  abstention_recall: 0.85,
  abstention_precision: 0.62,
};

expect.extend({
  toBeAboveFloor(received: number, floor: number) {
    return {
      pass: received >= floor,
      message: () => `expected ${received} to be at least the floor ${floor}`,
    };
  },
});

declare module 'vitest' {
  interface AsymmetricMatchersContaining {
    toBeAboveFloor(floor: number): unknown;
  }
}
