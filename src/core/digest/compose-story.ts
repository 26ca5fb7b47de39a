/**
 * @module core/digest/compose-story
 * Turns a cluster of articles into a story: the most central article's headline, its lead sentences as
 * the summary, key facts quoted from any outlet (the same fact from several outlets cited together),
 * one citation per article at least, and a note where the outlets disagree on a figure (never one
 * article, nor two copies of one report).
 */

import type { AnswerSentence } from '../answer.js';
import { type Article, type Citation, toCitation } from '../article.js';
import { compareOrdinal } from '../ordinal.js';
import { declinesToState, moneyAmounts } from '../text/facts.js';
import { copiesOfOneStory, without } from '../text/same-story.js';
import { splitSentences } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import { DEFAULT_ANSWER } from '../tuning.js';
import type { ArticleCluster } from './cluster-stories.js';
import { type ClusterTuning, clusterVectors, DEFAULT_CLUSTERING, newsTime } from './cluster-stories.js';
import type { Story } from './digest.js';
import { cosine, type Idf, termVector } from './term-vector.js';

const SUMMARY_CHARS = 420;
const MAX_FACTS = 3;
const SENTENCES_PER_ARTICLE = 25;

interface StorySentence {
  article: Article;
  text: string;
  terms: Set<string>;
  similarity: number;
  figures: number[];
}

/** `tuning` must be the one the cluster was built with: the story's vectors are built the same way. */
export function composeStory(
  cluster: ArticleCluster,
  idf: Idf,
  updated: boolean,
  tuning: ClusterTuning = DEFAULT_CLUSTERING,
): Story {
  const { articles } = cluster;
  const { vectors, centroid } = clusterVectors(cluster, idf, tuning);
  const centrality = vectors.map((v) => cosine(v, centroid));
  const central = articles[centrality.indexOf(Math.max(...centrality))] as Article;
  const citations: Citation[] = [];
  const cite = (article: Article, quote: string) => {
    const existing = citations.find((c) => c.articleId === article.id && c.quote === quote);
    if (existing) return existing.n;
    citations.push(toCitation(citations.length + 1, article, quote));
    return citations.length;
  };

  const summarySentences = leadSentences(central.text, SUMMARY_CHARS);
  const summaryNumbers = summarySentences.map((s) => cite(central, s));
  const summary = summarySentences.map((s, i) => `${s} [${summaryNumbers[i]}]`).join(' ');

  const sentences = articles.flatMap((article) => storySentences(article, idf, centroid));
  const facts = pickFacts(sentences, new Set(summarySentences), cite);
  const disagreement = findDisagreement(sentences, facts, cite);

  for (const article of articles) {
    if (!citations.some((c) => c.articleId === article.id))
      cite(article, leadSentences(article.text, 300)[0] ?? article.title);
  }
  const named = new Map<string, number>();
  for (const a of articles) if (a.source) named.set(a.source, (named.get(a.source) ?? 0) + 1);
  return {
    id: [...articles].sort((a, b) => compareOrdinal(newsTime(a), newsTime(b)))[0]?.id ?? central.id,
    headline: central.title,
    summary,
    facts: disagreement ? [...facts, disagreement.fact] : facts,
    citations,
    articleIds: articles.map((a) => a.id),
    outlets: [...named.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name]) => name),
    unknownOutlets: articles.filter((a) => !a.source).length,
    disagreement: disagreement?.note ?? null,
    updated,
    newOutlets: [],
    latestAt: articles.map(newsTime).sort().at(-1) ?? central.ingestedAt,
  };
}

/** The first sentences of the article's first real paragraph, up to `maxChars`. */
function leadSentences(text: string, maxChars: number): string[] {
  const picked: string[] = [];
  let used = 0;
  for (const span of splitSentences(text)) {
    const sentence = text.slice(span.start, span.end);
    if (sentence.length < 40 || !/[.!?"”]$/u.test(sentence)) {
      if (picked.length > 0) break;
      continue;
    }
    if (picked.length > 0 && used + sentence.length > maxChars) break;
    picked.push(sentence);
    used += sentence.length;
    if (used >= maxChars / 2) break;
  }
  return picked;
}

function storySentences(article: Article, idf: Idf, centroid: Map<string, number>): StorySentence[] {
  return splitSentences(article.text)
    .slice(0, SENTENCES_PER_ARTICLE)
    .map((span) => article.text.slice(span.start, span.end))
    .filter((text) => text.length >= 40 && text.length <= 320 && /[.!?"”]$/u.test(text))
    .map((text) => ({
      article,
      text,
      terms: new Set(tokenize(text)),
      similarity: cosine(termVector(text, idf), centroid),
      figures: moneyAmounts(text).filter((x) => x >= 1e6),
    }));
}

/** Sentences that state figures, dates or names and are close to the story; same facts cited together. */
function pickFacts(
  sentences: StorySentence[],
  exclude: Set<string>,
  cite: (a: Article, q: string) => number,
): AnswerSentence[] {
  const factual = sentences
    .filter((s) => !exclude.has(s.text) && (s.figures.length > 0 || /\d/.test(s.text)))
    .sort((a, b) => b.similarity - a.similarity);
  const groups: StorySentence[][] = [];
  for (const s of factual) {
    const same = groups.find((g) => g[0] && sameFact(g[0], s));
    if (same) {
      if (!same.some((x) => x.article.id === s.article.id)) same.push(s);
    } else if (groups.length < MAX_FACTS && s.similarity >= 0.2) {
      groups.push([s]);
    }
  }
  return groups.map((g) => ({
    text: (g[0] as StorySentence).text,
    citations: [...new Set(g.map((s) => cite(s.article, s.text)))].sort((a, b) => a - b),
  }));
}

function sameFact(a: StorySentence, b: StorySentence): boolean {
  if (a.figures.some((x) => b.figures.includes(x))) return true;
  let common = 0;
  for (const t of a.terms) if (b.terms.has(t)) common++;
  return common / (a.terms.size + b.terms.size - common) >= 0.45;
}

/**
 * A figure some outlets report and another says was not disclosed. Only other articles count, and not
 * a copy of the declining one's story (an update that adds the figure is one source, not two).
 */
function findDisagreement(
  sentences: StorySentence[],
  facts: AnswerSentence[],
  cite: (a: Article, q: string) => number,
): { note: string; fact: AnswerSentence } | null {
  const declining = sentences.find((s) => declinesToState(s.text) && s.similarity >= 0.15);
  if (!declining) return null;
  const copies = (s: StorySentence) =>
    copiesOfOneStory(
      without(declining.article.text, [declining.text]),
      without(s.article.text, [s.text]),
      DEFAULT_ANSWER.copyJaccard,
    );
  const withFigure = sentences.filter(
    (s) => s.figures.length > 0 && s.article.id !== declining.article.id && !copies(s),
  );
  const figureOutlets = new Set(withFigure.map((s) => s.article.id));
  if (figureOutlets.size === 0) return null;
  const figure = formatMoney(withFigure[0]?.figures[0] ?? 0);
  const who = declining.article.source ?? `“${declining.article.title}”`;
  const n = cite(declining.article, declining.text);
  const note = `Sources disagree: ${who} says the figures were not disclosed [${n}], while ${figureOutlets.size} other source${figureOutlets.size === 1 ? '' : 's'} report ${figure}.`;
  if (facts.some((f) => f.citations.includes(n))) return { note, fact: { text: '', citations: [] } };
  return { note, fact: { text: declining.text, citations: [n] } };
}

function formatMoney(value: number): string {
  if (value >= 1e12) return `$${+(value / 1e12).toFixed(1)} trillion`;
  if (value >= 1e9) return `$${+(value / 1e9).toFixed(1)} billion`;
  return `$${+(value / 1e6).toFixed(1)} million`;
}
