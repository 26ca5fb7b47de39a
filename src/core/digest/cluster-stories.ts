/**
 * @module core/digest/cluster-stories
 * Groups articles about the same event: each article's lead (title + opening text) becomes a TF-IDF
 * vector, and articles join the story whose centroid they are most similar to, above a threshold.
 * Greedy in time order, so a story grows as outlets pick it up; an inverted index over each story's
 * strongest terms keeps the comparisons few for thousands of articles.
 *
 * Terms are interned to small integers for the clustering pass: a digest compares thousands of leads,
 * and integer-keyed maps are several times faster than maps keyed by freshly tokenised strings. The
 * string-keyed vectors that story composition needs are built only for the clusters it composes.
 */

import type { Article } from '../article.js';
import { compareOrdinal } from '../ordinal.js';
import { tokenize } from '../text/tokenize.js';
import { addInto, type Idf, normalise, type TermVector, vectorOfTerms } from './term-vector.js';

export interface ClusterTuning {
  /** Cosine with a story's centroid above which an article joins it. */
  threshold: number;
  /** Characters of the article body that describe the event (the lead). */
  leadChars: number;
  /** Weight of title terms relative to lead terms. */
  titleWeight: number;
}

export const DEFAULT_CLUSTERING: ClusterTuning = { threshold: 0.28, leadChars: 2000, titleWeight: 2 };

/** An article's lead, tokenised once for the IDF, the clustering and the story's vectors. */
export interface ArticleLead {
  article: Article;
  lead: string[];
  title: string[];
}

export interface ArticleCluster {
  articles: Article[];
  leads: ArticleLead[];
}

/** A cluster's members as unit TF-IDF vectors, and their normalised centroid. */
export interface ClusterVectors {
  vectors: TermVector[];
  centroid: TermVector;
}

/** The time an article entered the news: published if known, else ingested. */
export function newsTime(article: Pick<Article, 'publishedAt' | 'ingestedAt'>): string {
  return article.publishedAt ?? article.ingestedAt;
}

/**
 * IDF over the articles being clustered, as if they sat among `BACKGROUND_ARTICLES` others that do not
 * use the term: in a small batch about one story the story's own words then still weigh something.
 */
const BACKGROUND_ARTICLES = 1000;

export function tokeniseLeads(articles: Article[], tuning = DEFAULT_CLUSTERING): ArticleLead[] {
  return articles.map((article) => ({
    article,
    lead: tokenize(article.text.slice(0, tuning.leadChars)),
    title: tokenize(article.title),
  }));
}

export function leadIdf(leads: ArticleLead[]): Idf {
  const df = new Map<string, number>();
  const seen = new Set<string>();
  for (const { lead, title } of leads) {
    seen.clear();
    for (const term of title) seen.add(term);
    for (const term of lead) seen.add(term);
    for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const n = Math.max(leads.length, BACKGROUND_ARTICLES);
  return (term) => {
    const count = df.get(term) ?? 0;
    return Math.log(1 + (n - count + 0.5) / (count + 0.5));
  };
}

export function clusterVectors(
  cluster: ArticleCluster,
  idf: Idf,
  tuning = DEFAULT_CLUSTERING,
): ClusterVectors {
  const vectors = cluster.leads.map(({ lead, title }) =>
    vectorOfTerms(lead, idf, { terms: title, weight: tuning.titleWeight }),
  );
  const sum: TermVector = new Map();
  for (const vector of vectors) addInto(sum, vector);
  return { vectors, centroid: normalise(sum) };
}

/** A unit vector over interned term ids, strongest term first. */
interface IdVector {
  ids: number[];
  weights: number[];
}

/** A story's running sum of member vectors; `slot` (built once a second member joins) finds an id. */
interface StorySum {
  leads: ArticleLead[];
  ids: number[];
  weights: number[];
  slot: Map<number, number> | null;
  normSquared: number;
}

export function clusterArticles(
  leads: ArticleLead[],
  idf: Idf,
  tuning = DEFAULT_CLUSTERING,
): ArticleCluster[] {
  const ordered = [...leads].sort(
    (a, b) =>
      compareOrdinal(newsTime(a.article), newsTime(b.article)) || compareOrdinal(a.article.id, b.article.id),
  );
  const vocabulary = new Map<string, number>();
  const idfOfId: number[] = [];
  const idOf = (term: string) => {
    let id = vocabulary.get(term);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(term, id);
      idfOfId.push(idf(term));
    }
    return id;
  };
  const counts = new Map<number, number>();
  const vectors = ordered.map((lead) => idVector(lead, idOf, idfOfId, tuning.titleWeight, counts));
  // The article being placed, spread over the whole vocabulary: a dot product with a story is then one
  // pass over the story's terms.
  const dense = new Float64Array(vocabulary.size);
  // Only distinctive terms index the stories: a word in a tenth of the articles would make every
  // story a candidate for every article.
  const distinctive = Math.log(1 + (10 - 1 + 0.5) / (1 + 0.5));
  // Each story keeps the sum of its members' unit vectors and that sum's squared norm, so the cosine
  // with its centroid is dot(v, sum) / |sum| without ever copying the centroid.
  const stories: StorySum[] = [];
  const postings = new Map<number, number[]>();
  ordered.forEach((lead, n) => {
    const vector = vectors[n] as IdVector;
    const strongest: number[] = [];
    for (let i = 0; i < vector.ids.length && i < 12; i++) {
      const id = vector.ids[i] as number;
      if ((idfOfId[id] as number) >= distinctive) strongest.push(id);
    }
    const candidates = new Set<number>();
    for (const id of strongest) for (const c of postings.get(id) ?? []) candidates.add(c);
    for (let i = 0; i < vector.ids.length; i++) dense[vector.ids[i] as number] = vector.weights[i] as number;
    let best = -1;
    let bestScore = tuning.threshold;
    let bestDot = 0;
    for (const c of candidates) {
      const story = stories[c] as StorySum;
      let dot = 0;
      for (let j = 0; j < story.ids.length; j++)
        dot += (dense[story.ids[j] as number] as number) * (story.weights[j] as number);
      const score = dot / Math.sqrt(story.normSquared);
      if (score >= bestScore) {
        best = c;
        bestScore = score;
        bestDot = dot;
      }
    }
    for (const id of vector.ids) dense[id] = 0;
    const index = best >= 0 ? best : stories.length;
    if (best < 0) {
      stories.push({ leads: [lead], ids: vector.ids, weights: vector.weights, slot: null, normSquared: 1 });
    } else {
      const story = stories[index] as StorySum;
      story.leads.push(lead);
      story.normSquared += 2 * bestDot + 1;
      addToStory(story, vector);
    }
    for (const id of strongest) {
      const list = postings.get(id);
      if (!list) postings.set(id, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  });
  return stories.map(({ leads: members }) => ({ articles: members.map((m) => m.article), leads: members }));
}

function addToStory(story: StorySum, vector: IdVector): void {
  if (!story.slot) {
    // The first member's arrays are its own vector's: copy before writing into them.
    story.ids = [...story.ids];
    story.weights = [...story.weights];
    story.slot = new Map(story.ids.map((id, i) => [id, i]));
  }
  for (let i = 0; i < vector.ids.length; i++) {
    const id = vector.ids[i] as number;
    const at = story.slot.get(id);
    if (at === undefined) {
      story.slot.set(id, story.ids.length);
      story.ids.push(id);
      story.weights.push(vector.weights[i] as number);
    } else {
      story.weights[at] = (story.weights[at] as number) + (vector.weights[i] as number);
    }
  }
}

/** The lead's unit TF-IDF vector over term ids (as `vectorOfTerms` computes it over strings). */
function idVector(
  { lead, title }: ArticleLead,
  idOf: (term: string) => number,
  idfOfId: number[],
  titleWeight: number,
  counts: Map<number, number>,
): IdVector {
  counts.clear();
  for (const term of lead) {
    const id = idOf(term);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const term of title) {
    const id = idOf(term);
    counts.set(id, (counts.get(id) ?? 0) + titleWeight);
  }
  const entries: [number, number][] = [];
  let norm = 0;
  for (const [id, count] of counts) {
    const weight = (1 + Math.log(count)) * (idfOfId[id] as number);
    entries.push([id, weight]);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  // Strongest first; ties keep first-seen order, as the string version's stable sort did.
  entries.sort((a, b) => b[1] - a[1]);
  return { ids: entries.map((e) => e[0]), weights: entries.map((e) => e[1] / norm) };
}
