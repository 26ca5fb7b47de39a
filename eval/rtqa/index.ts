/**
 * @module eval/rtqa
 * The rtqa-news evaluation's public surface: run it (whole split or a fixed subset, e.g. for a CI
 * guard) and format its summary.
 */
export type { BriefbotScores, RtqaRecord, RtqaReport, SystemScores } from './eval-record.js';
export { formatSummary } from './report-table.js';
export { type RtqaEvalOptions, runRtqaEval, type SplitChoice } from './run-rtqa-eval.js';
