/**
 * @module core/reader/render-answer
 * The extractive answer as the user sees it: each group of same-fact sentences as one sentence with
 * its citations, "Sources disagree." in front when they do, or the abstention with the closest sources.
 */
import { type Answer, type AnswerSentence, joinSentences } from '../answer.js';
import { type Citation, toCitation } from '../article.js';
import type { Query } from '../query.js';
import type { AnswerTuning } from '../tuning.js';
import type { Candidate } from './candidates.js';

export function render(query: Query, groups: Candidate[][], disagreement: boolean): Answer {
  const citations: Citation[] = [];
  const numberOf = (c: Candidate) => {
    const existing = citations.find((x) => x.articleId === c.article.id && x.quote === c.quote);
    if (existing) return existing.n;
    const citation = toCitation(citations.length + 1, c.article, c.quote);
    citations.push(citation);
    return citation.n;
  };
  const sentences: AnswerSentence[] = groups.map((group) => ({
    text: displayText(group[0]?.quote ?? ''),
    citations: [...new Set(group.map(numberOf))].sort((a, b) => a - b),
  }));
  const body = joinSentences(sentences);
  return {
    question: query.text,
    answer: disagreement ? `Sources disagree. ${body}` : body,
    abstained: false,
    mode: 'extractive',
    sentences,
    citations,
    disagreement,
    note: null,
  };
}

export function abstain(query: Query, candidates: Candidate[], tuning: AnswerTuning): Answer {
  const closest: Candidate[] = [];
  for (const c of candidates) {
    if (closest.length >= tuning.closestSources) break;
    if (c.coverage > 0 && !closest.some((x) => x.article.id === c.article.id)) closest.push(c);
  }
  const citations = closest.map((c, i) => toCitation(i + 1, c.article, c.quote));
  const asked = query.text.trim().replace(/\s+/g, ' ');
  const lead =
    query.terms.length === 0
      ? `I couldn't find anything to look up in "${asked}". Ask about a company, person or event in the news.`
      : `The indexed articles don't say: nothing in them answers "${asked}".`;
  const answer =
    citations.length > 0
      ? `${lead} The closest sources are ${citations.map((c) => `[${c.n}]`).join('')}, but they don't support an answer.`
      : lead;
  return {
    question: query.text,
    answer,
    abstained: true,
    mode: 'extractive',
    sentences: [{ text: answer, citations: [] }],
    citations,
    disagreement: false,
    note: null,
  };
}

/** A quote as shown in an answer: a cut one ends in an ellipsis, and every one ends with a stop. */
function displayText(quote: string): string {
  if (/[.!?]["”’)]?$/u.test(quote)) return quote;
  return `${quote}…`;
}
