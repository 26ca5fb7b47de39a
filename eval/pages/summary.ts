/**
 * @module eval/pages/summary
 * Scores of a saved-pages run for one part: correct-and-cited over the answerable questions,
 * abstention over the unanswerable ones, both per kind, and citation validity.
 */
import type { Part } from './dataset.js';
import type { PageRecord } from './run-pages-eval.js';

export interface KindScore {
  kind: string;
  answerable: number;
  correct: number;
  unanswerable: number;
  abstained: number;
}

export interface PartSummary {
  part: Part;
  answerable: number;
  correctAndCited: number;
  unanswerable: number;
  abstention: number;
  /** Answerable questions abstained on (a share of the answerable ones). */
  falseAbstention: number;
  quotes: number;
  citationValidity: number;
  kinds: KindScore[];
}

export function summarise(records: PageRecord[], part: Part): PartSummary {
  const mine = records.filter((r) => r.part === part);
  const answerable = mine.filter((r) => r.answerable);
  const unanswerable = mine.filter((r) => !r.answerable);
  const quotes = mine.reduce((n, r) => n + r.quotes, 0);
  const invalid = mine.reduce((n, r) => n + r.invalidQuotes, 0);
  const kinds = [...new Set(mine.map((r) => r.kind))].sort().map((kind) => {
    const ofKind = mine.filter((r) => r.kind === kind);
    return {
      kind,
      answerable: ofKind.filter((r) => r.answerable).length,
      correct: ofKind.filter((r) => r.answerable && r.ok).length,
      unanswerable: ofKind.filter((r) => !r.answerable).length,
      abstained: ofKind.filter((r) => !r.answerable && r.ok).length,
    };
  });
  const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);
  return {
    part,
    answerable: answerable.length,
    correctAndCited: share(answerable.filter((r) => r.ok).length, answerable.length),
    unanswerable: unanswerable.length,
    abstention: share(unanswerable.filter((r) => r.ok).length, unanswerable.length),
    falseAbstention: share(answerable.filter((r) => r.abstained).length, answerable.length),
    quotes,
    citationValidity: quotes === 0 ? 1 : share(quotes - invalid, quotes),
    kinds,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function summaryTable(s: PartSummary): string {
  const correct = Math.round(s.correctAndCited * s.answerable);
  const abstained = Math.round(s.abstention * s.unanswerable);
  const lines = [
    `### ${s.part} part`,
    '',
    '| set | questions | score |',
    '|---|--:|--:|',
    `| answerable: correct and cited | ${s.answerable} | ${pct(s.correctAndCited)} (${correct}) |`,
    `| answerable: abstained on | ${s.answerable} | ${pct(s.falseAbstention)} |`,
    `| unanswerable: abstained | ${s.unanswerable} | ${pct(s.abstention)} (${abstained}) |`,
    `| citation validity | ${s.quotes} quotes | ${pct(s.citationValidity)} |`,
    '',
    '| kind | correct / answerable | abstained / unanswerable |',
    '|---|--:|--:|',
    ...s.kinds.map(
      (k) =>
        `| ${k.kind} | ${k.answerable ? `${k.correct} / ${k.answerable}` : '—'} | ${k.unanswerable ? `${k.abstained} / ${k.unanswerable}` : '—'} |`,
    ),
  ];
  return lines.join('\n');
}
