/**
 * @module core/conversation/story-coverage
 * Questions about one story rather than a fact in it: who reported it (each article with its outlet,
 * title, date and a cited lead sentence), what its sources disagree on (each side quoted), and "tell me
 * more" (its summary and key facts not said yet). The story is the digest code's: the articles found
 * for the topic are clustered, and the story is the cluster of the best match. The best match must be
 * about the topic by the digests' own topic test, or there is no story.
 */
import type { Answer, AnswerSentence } from '../answer.js';
import type { Article, Citation } from '../article.js';
import { rankClusters } from '../digest/build-digest.js';
import { DEFAULT_CLUSTERING } from '../digest/cluster-stories.js';
import { composeStory } from '../digest/compose-story.js';
import type { Story } from '../digest/digest.js';
import { topicFilter } from '../digest/topic-filter.js';
import { compareOrdinal } from '../ordinal.js';
import { withoutPlantedSentences } from '../planted-instructions.js';
import type { ArticleStore, Clock } from '../ports.js';
import { searchArticles } from '../search-articles.js';
import { moneyAmounts } from '../text/facts.js';
import { tokenize } from '../text/tokenize.js';
import { latestPublished } from './brief-news.js';
import { plainAnswer, shownDate } from './reply.js';

/** Articles found by the best match's title; the story is clustered among them. */
const STORY_SEARCH_DEPTH = 40;

export interface FoundStory {
  story: Story;
  articles: Article[];
}

/** The story about `topic`, or null when no article is about it. */
export async function findStory(
  store: ArticleStore,
  clock: Clock,
  topic: string,
): Promise<FoundStory | null> {
  const [best] = await searchedArticles(store, clock, topic, 1);
  if (!best || !(topicFilter(topic)(best) || mentionsTopic(best, topic))) return null;
  // The story's other articles are those like the best one: found by its title, grouped as digests group.
  const articles = [best, ...(await searchedArticles(store, clock, best.title, STORY_SEARCH_DEPTH))];
  // Planted instructions are never quoted: not as a lead, a side of a disagreement or a detail.
  const unique = withoutPlantedSentences(
    articles.filter((a, i) => articles.findIndex((b) => b.id === a.id) === i),
  );
  const { ranked, idf } = rankClusters(unique, () => true);
  const cluster = ranked.find((c) => c.cluster.articles.some((a) => a.id === best.id));
  if (!cluster) return null;
  return {
    story: composeStory(cluster.cluster, idf, false, DEFAULT_CLUSTERING),
    articles: cluster.cluster.articles,
  };
}

async function searchedArticles(store: ArticleStore, clock: Clock, terms: string, limit: number) {
  const articles: Article[] = [];
  for (const hit of (await searchArticles(store, clock, terms, limit)).results) {
    const article = await store.getArticle(hit.articleId);
    if (article) articles.push(article);
  }
  return articles;
}

/**
 * Whether the article's whole text holds at least half of the topic's terms: "who reported Project
 * Rainier?" is about a detail that a story's lead (what the digests' topic test reads) may not carry.
 */
function mentionsTopic(article: Article, topic: string): boolean {
  const wanted = [...new Set(tokenize(topic))];
  if (wanted.length === 0) return false;
  const terms = new Set(tokenize(`${article.title} ${article.text}`));
  return wanted.filter((t) => terms.has(t)).length >= Math.ceil(wanted.length / 2);
}

export function noStory(question: string, topic: string): Answer {
  return plainAnswer(question, `I have no articles about “${topic}”.`, true);
}

/** Each article behind the story: outlet (or "outlet not named"), title, date, cited lead sentence. */
export function coverageAnswer(question: string, found: FoundStory): Answer {
  const { story } = found;
  const articles = [...found.articles].sort(
    (a, b) => compareOrdinal(a.publishedAt ?? '9', b.publishedAt ?? '9') || compareOrdinal(a.id, b.id),
  );
  const citations: Citation[] = [];
  const sentences: AnswerSentence[] = [];
  for (const article of articles) {
    const cited = story.citations.find((c) => c.articleId === article.id);
    if (!cited) continue;
    citations.push({ ...cited, n: citations.length + 1 });
    const outlet = article.source ?? 'outlet not named';
    sentences.push({
      text: `${outlet}: “${article.title}”, ${shownDate(article.publishedAt)}`,
      citations: [citations.length],
    });
  }
  const count = citations.length;
  const named = new Set(articles.flatMap((a) => (a.source ? [a.source] : []))).size;
  const lead = `${count} article${count === 1 ? '' : 's'} ${count === 1 ? 'covers' : 'cover'} “${story.headline}”${
    named === 0 ? ', none naming its outlet' : ''
  }:`;
  return {
    question,
    answer: [lead, ...sentences.map((s) => `• ${s.text} [${s.citations[0]}]`)].join('\n'),
    abstained: false,
    mode: 'extractive',
    sentences: [{ text: lead, citations: [] }, ...sentences],
    citations,
    disagreement: false,
    note: null,
  };
}

/** The story's disagreement with each side quoted and cited, or a plain statement that there is none. */
export function disagreementAnswer(question: string, found: FoundStory): Answer | null {
  const { story } = found;
  if (!story.disagreement) return null;
  const declining = Number(/\[(\d+)\]/.exec(story.disagreement)?.[1] ?? 0);
  const figureSide = story.citations.filter(
    (c) => c.n !== declining && moneyAmounts(c.quote).some((x) => x >= 1e6),
  );
  const other = story.citations.find((c) => c.n === declining);
  if (!other || figureSide.length === 0) return null;
  const citations: Citation[] = [];
  const cite = (c: Citation) => {
    citations.push({ ...c, n: citations.length + 1 });
    return citations.length;
  };
  // The same figure from several outlets is one side: quote the first, cite them all.
  const figureNumbers = figureSide.slice(0, 3).map(cite);
  const sides: AnswerSentence[] = [
    { text: (figureSide[0] as Citation).quote, citations: figureNumbers },
    { text: other.quote, citations: [cite(other)] },
  ];
  const note = story.disagreement.replace(/\s*\[\d+\]/g, '');
  return {
    question,
    answer: [note, ...sides.map((s) => `${s.text} ${s.citations.map((n) => `[${n}]`).join('')}`)].join(' '),
    abstained: false,
    mode: 'extractive',
    sentences: [{ text: note, citations: [] }, ...sides],
    citations,
    disagreement: true,
    note: null,
  };
}

/** When a story's sources agree: say so, with the story's lead sentence cited. */
export function agreementAnswer(question: string, found: FoundStory): Answer {
  const { story } = found;
  const first = story.citations[0];
  const count = story.articleIds.length;
  const lead =
    count === 1
      ? `Only one article covers “${story.headline}”, so there is nothing to disagree.`
      : `The ${count} articles on “${story.headline}” don't disagree on any figure I can check.`;
  if (!first) return plainAnswer(question, lead);
  const citation = { ...first, n: 1 };
  return {
    question,
    answer: `${lead} ${citation.quote} [1]`,
    abstained: false,
    mode: 'extractive',
    sentences: [
      { text: lead, citations: [] },
      { text: citation.quote, citations: [1] },
    ],
    citations: [citation],
    disagreement: false,
    note: null,
  };
}

/** "Tell me more": the story's summary and key facts, less the sentences the conversation already gave. */
export function detailAnswer(question: string, found: FoundStory, alreadySaid: string): Answer {
  const { story } = found;
  const quoted = story.citations.filter((c) => c.quote.length > 0);
  const picked = [
    ...[...story.summary.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])),
    ...story.facts.flatMap((f) => (f.text ? [f.citations[0] ?? 0] : [])),
  ]
    .map((n) => quoted.find((c) => c.n === n))
    .filter((c): c is Citation => c !== undefined && !alreadySaid.includes(c.quote));
  const unique = picked.filter((c, i) => picked.findIndex((d) => d.quote === c.quote) === i).slice(0, 4);
  const date = shownDate(latestPublished(found.articles));
  if (unique.length === 0) {
    return plainAnswer(question, `That's all I have on “${story.headline}” (${date}).`);
  }
  const citations = unique.map((c, i) => ({ ...c, n: i + 1 }));
  const lead = `More on “${story.headline}” (${date}):`;
  const sentences = citations.map((c) => ({ text: c.quote, citations: [c.n] }));
  return {
    question,
    answer: [lead, ...sentences.map((s) => `${s.text} [${s.citations[0]}]`)].join(' '),
    abstained: false,
    mode: 'extractive',
    sentences: [{ text: lead, citations: [] }, ...sentences],
    citations,
    disagreement: false,
    note: null,
  };
}
