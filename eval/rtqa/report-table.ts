/**
 * @module eval/rtqa/report-table
 * The stdout summary: retrieval for every system side by side, Briefbot's answering scores, the
 * questions outside the clean subsets, per-source rates, and the issue's goals checked.
 */
import type { RtqaReport, SystemScores } from './eval-record.js';

const pct = (v: number | null) => (v === null ? '—' : (v * 100).toFixed(1));
const ms = (v: number | null) => (v === null ? '—' : v.toFixed(2));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export function formatSummary(report: RtqaReport): string {
  const s = report.subsets;
  const out: string[] = [];
  out.push(
    `rtqa-news, split ${report.split}: ${report.questions} questions (clean answerable ${s.clean_answerable}, ` +
      `clean abstention ${s.clean_abstention}, other ${s.other}); ${report.ingest.weeks} weeks, ${report.ingest.pages} pages, ` +
      `${report.ingest.passages} passages`,
  );
  out.push('');
  out.push(
    `Retrieval at page level over the ${s.clean_answerable} clean answerable questions (%; strict = support_doc_ids, lenient = doc_ids):`,
  );
  const systems = Object.entries(report.systems) as [string, SystemScores][];
  out.push(
    table(
      [
        'system',
        'Hit@1',
        'Hit@3',
        'Hit@5',
        'Hit@10',
        'MRR@10',
        'len Hit@5',
        'len MRR@10',
        'p50 ms',
        'p95 ms',
      ],
      systems.map(([name, v]) => [
        name,
        pct(v['hit@1']),
        pct(v['hit@3']),
        pct(v['hit@5']),
        pct(v['hit@10']),
        pct(v['mrr@10']),
        pct(v['lenient_hit@5']),
        pct(v['lenient_mrr@10']),
        ms(v.p50_ms),
        ms(v.p95_ms),
      ]),
    ),
  );
  const b = report.systems.briefbot;
  out.push('');
  out.push(report.model ? `Briefbot answers (%), model path: ${modelLine(report)}` : 'Briefbot answers (%):');
  out.push(
    table(
      ['measure', 'value', 'over'],
      [
        ['answer containment', pct(b.containment), `${s.clean_answerable} clean answerable`],
        [
          'multiple-choice accuracy',
          pct(b.mc_accuracy),
          `${s.clean_answerable} clean answerable (undecided ${pct(report.mc.undecided)})`,
        ],
        ['abstention recall', pct(b.abstention_recall), `${s.clean_abstention} clean abstention`],
        ['abstention precision', pct(b.abstention_precision), 'its abstentions on both clean subsets'],
        [
          'citation validity',
          pct(b.citation_validity),
          `${report.citations.answers} answers (${report.citations.valid_citations}/${report.citations.citations} quotes verbatim)`,
        ],
        [
          'cites a support page',
          pct(report.citations.support_strict),
          `answered clean answerable (lenient ${pct(report.citations.support_lenient)})`,
        ],
      ],
    ),
  );
  const o = report.other;
  out.push('');
  out.push('Outside the clean subsets (not in the headline):');
  out.push(
    `  doubtful answerable (${o.doubtful_answerable.questions}): lenient Hit@5 ${pct(o.doubtful_answerable['lenient_hit@5'])}, ` +
      `containment ${pct(o.doubtful_answerable.containment)}, abstains ${pct(o.doubtful_answerable.abstention_rate)}, ` +
      `MC ${pct(o.doubtful_answerable.mc_accuracy)}`,
  );
  out.push(
    `  doubtful unanswerable (${o.doubtful_unanswerable.questions}): abstains ${pct(o.doubtful_unanswerable.abstention_rate)}`,
  );
  out.push('');
  out.push('By quiz source:');
  out.push(
    table(
      ['source', 'clean ans.', 'Hit@5', 'containment', 'wrong abst.', 'clean abst.', 'abst. recall'],
      Object.entries(report.by_source).map(([name, v]) => [
        name,
        String(v.clean_answerable),
        pct(v['hit@5']),
        pct(v.containment),
        pct(v.wrong_abstention_rate),
        String(v.clean_abstention),
        pct(v.abstention_recall),
      ]),
    ),
  );
  out.push('');
  out.push(...goalLines(report));
  const i = report.ingest;
  out.push('');
  out.push(
    `Ingest: ${i.pages} pages -> ${i.articles} articles (${i.folded_pages} folded into identical content, ` +
      `${i.unmapped_pages.length} unmapped, ${i.origin_collisions} URL collisions, ${i.failures} failures). ` +
      `Run: ${report.run.seconds} s with ${report.run.workers} worker(s) on ${report.run.cpus} x ${report.run.cpu_model}, Node ${report.run.node}.`,
  );
  return out.join('\n');
}

function modelLine(report: RtqaReport): string {
  const m = report.model;
  if (!m) return '';
  const retrieval = m.embedding_model
    ? `hybrid retrieval with ${m.embedding_model} (${m.embedded_passages ?? '?'} of ${report.ingest.passages} passages embedded)`
    : 'BM25 retrieval (no OPENAI_EMBEDDING_MODEL)';
  return (
    `${m.chat_model}, ${retrieval}; ${pct(m.answered_by_model)}% of answers by the model, ` +
    `${m.fallbacks} fell back to quotes`
  );
}

/** The issue's goals, each marked met or not; peers that were not run are left out. */
export function goalLines(report: RtqaReport): string[] {
  const b = report.systems.briefbot;
  const peers = Object.entries(report.systems).filter(([name]) => name !== 'briefbot');
  const ahead = (key: 'hit@5' | 'mrr@10') =>
    peers.every(([, v]) => v[key] === null || (b[key] ?? 0) > (v[key] ?? 0));
  const mark = (ok: boolean) => (ok ? 'met ' : 'NOT ');
  const lines = ['Goals:'];
  const names = peers.map(([n]) => n).join(', ');
  lines.push(`  ${mark(ahead('hit@5'))} Hit@5 ahead of every peer (${names})`);
  lines.push(`  ${mark(ahead('mrr@10'))} MRR@10 ahead of every peer`);
  const fts = report.systems.fts5;
  if (fts?.p50_ms && fts.p95_ms && b.p50_ms !== null && b.p95_ms !== null) {
    const r50 = b.p50_ms / fts.p50_ms;
    const r95 = b.p95_ms / fts.p95_ms;
    lines.push(
      `  ${mark(r50 <= 2 && r95 <= 2)} latency <= 2x raw FTS5 (p50 ${r50.toFixed(2)}x, p95 ${r95.toFixed(2)}x)`,
    );
  }
  lines.push(`  ${mark(b.citation_validity === 1)} citation validity 1.0 (${pct(b.citation_validity)}%)`);
  lines.push(
    `  ${mark((b.abstention_recall ?? 0) >= 0.8)} abstention recall >= 0.8 (${pct(b.abstention_recall)}%)`,
  );
  lines.push(
    `  ${mark((b.abstention_precision ?? 0) >= 0.9)} abstention precision >= 0.9 (${pct(b.abstention_precision)}%)`,
  );
  return lines;
}
