/**
 * @module core/digest/cluster-stories
 * Groups articles about the same event: each article's lead (title + opening text) becomes a TF-IDF
 * vector, and articles join the story whose centroid they are most similar to, above a threshold.
 * Greedy in time order, so a story grows as outlets pick it up; an inverted index over each story's
 * strongest terms keeps the comparisons few for thousands of articles.
 */
import type { Article } from '../article.js';
import { tokenize } from '../text/tokenize.js';
import { addInto, cosine, type Idf, normalise, type TermVector, vectorOfTerms } from './term-vector.js';

export interface ClusterTuning {
  /** Cosine with a story's centroid above which an article joins it. */
  threshold: number;
  /** Characters of the article body that describe the event (the lead). */
  leadChars: number;
  /** Weight of title terms relative to lead terms. */
  titleWeight: number;
}

export const DEFAULT_CLUSTERING: ClusterTuning = { threshold: 0.28, leadChars: 2000, titleWeight: 2 };

export interface ArticleCluster {
  articles: Article[];
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

/** An article's lead, tokenised once for both the IDF and its vector. */
export interface ArticleLead {
  article: Article;
  lead: string[];
  title: string[];
}

export function tokeniseLeads(articles: Article[], tuning = DEFAULT_CLUSTERING): ArticleLead[] {
  return articles.map((article) => ({
    article,
    lead: tokenize(article.text.slice(0, tuning.leadChars)),
    title: tokenize(article.title),
  }));
}

export function leadIdf(leads: ArticleLead[]): Idf {
  const df = new Map<string, number>();
  for (const { lead, title } of leads) {
    for (const term of new Set([...title, ...lead])) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const n = Math.max(leads.length, BACKGROUND_ARTICLES);
  return (term) => {
    const count = df.get(term) ?? 0;
    return Math.log(1 + (n - count + 0.5) / (count + 0.5));
  };
}

export function clusterArticles(
  leads: ArticleLead[],
  idf: Idf,
  tuning = DEFAULT_CLUSTERING,
): ArticleCluster[] {
  const ordered = [...leads].sort(
    (a, b) =>
      newsTime(a.article).localeCompare(newsTime(b.article)) || a.article.id.localeCompare(b.article.id),
  );
  // Only distinctive terms index the stories: a word in a tenth of the articles would make every
  // story a candidate for every article.
  const distinctive = Math.log(1 + (10 - 1 + 0.5) / (1 + 0.5));
  // Each story keeps the sum of its members' unit vectors and that sum's squared norm, so the cosine
  // with its centroid is dot(v, sum) / |sum| without ever copying the centroid.
  const clusters: { articles: Article[]; vectors: TermVector[]; sum: TermVector; normSquared: number }[] = [];
  const postings = new Map<string, number[]>();
  for (const { article, lead, title } of ordered) {
    const vector = vectorOfTerms(lead, idf, { terms: title, weight: tuning.titleWeight });
    const strongest = topTerms(vector, 12).filter((term) => idf(term) >= distinctive);
    const candidates = new Set<number>();
    for (const term of strongest) for (const c of postings.get(term) ?? []) candidates.add(c);
    let best = -1;
    let bestScore = tuning.threshold;
    let bestDot = 0;
    for (const c of candidates) {
      const cluster = clusters[c] as (typeof clusters)[number];
      const dot = cosine(vector, cluster.sum);
      const score = dot / Math.sqrt(cluster.normSquared);
      if (score >= bestScore) {
        best = c;
        bestScore = score;
        bestDot = dot;
      }
    }
    const index = best >= 0 ? best : clusters.length;
    if (best < 0) clusters.push({ articles: [], vectors: [], sum: new Map(), normSquared: 0 });
    const cluster = clusters[index] as (typeof clusters)[number];
    cluster.articles.push(article);
    cluster.vectors.push(vector);
    cluster.normSquared += 2 * bestDot + 1;
    addInto(cluster.sum, vector);
    for (const term of strongest) {
      const list = postings.get(term);
      if (!list) postings.set(term, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  }
  return clusters.map(({ articles, vectors, sum }) => ({ articles, vectors, centroid: normalise(sum) }));
}

function topTerms(vector: TermVector, n: number): string[] {
  return [...vector.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([term]) => term);
}
