/**
 * @module cli/render-text
 * Plain-text renderings of answers, search results and corpus stats for the terminal.
 */
import type { Answer } from '../core/answer.js';
import type { Citation } from '../core/article.js';
import type { CorpusStats } from '../core/ports.js';
import type { SearchResponse } from '../core/search-result.js';

export function renderAnswer(answer: Answer): string {
  const lines = [answer.answer];
  if (answer.note) lines.push('', `Note: ${answer.note}`);
  if (answer.citations.length > 0) {
    lines.push('', answer.abstained ? 'Closest sources:' : 'Sources:');
    for (const c of answer.citations) lines.push(renderCitation(c));
  }
  return lines.join('\n');
}

export function renderCitation(c: Citation): string {
  const where = [c.source ?? 'outlet unknown', formatDate(c.publishedAt), c.url ?? c.origin].join(' · ');
  return `[${c.n}] ${c.title}\n    ${where}\n    ${quoted(c.quote)}`;
}

/** A quote in quotation marks, unless it opens with its own (a quoted speaker): “““As ...” otherwise. */
export function quoted(quote: string): string {
  return /^["“„«‘']/.test(quote) ? quote : `“${quote}”`;
}

export function renderSearch(response: SearchResponse): string {
  if (response.results.length === 0) return `No articles match "${response.query}".`;
  return response.results
    .map((r, i) => {
      const where = [r.source ?? 'outlet unknown', formatDate(r.publishedAt), r.url ?? r.origin].join(' · ');
      return `${i + 1}. ${r.title}\n   ${where}\n   ${r.snippet}`;
    })
    .join('\n\n');
}

export function renderSources(stats: CorpusStats): string {
  const range = stats.publishedRange
    ? `${formatDate(stats.publishedRange.from)} to ${formatDate(stats.publishedRange.to)}`
    : 'no publication dates known';
  const outlets = stats.outlets.map((o) => `  ${o.source ?? '(outlet unknown)'}: ${o.articles}`).join('\n');
  return `${stats.articles} articles, ${stats.passages} passages\nPublished: ${range}\nOutlets:\n${outlets}`;
}

export function formatDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'date unknown';
}
