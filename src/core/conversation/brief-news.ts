/**
 * @module core/conversation/brief-news
 * "What's new?", "summarize the news", "the latest on AWS": the top stories of the recent window, as
 * the digest code groups and ranks them, one or two cited sentences each with outlets and date. An
 * article counts as recent only by its publication date: one without a date may be old news ingested
 * today. When nothing is recent the reply says so and briefs the most recent stories it has, with their
 * dates ("date unknown" when none is known). "More" continues with the stories not shown yet.
 */
import type { Answer, AnswerSentence } from '../answer.js';
import type { Article, Citation } from '../article.js';
import { type RankedCluster, rankClusters } from '../digest/build-digest.js';
import { DEFAULT_CLUSTERING } from '../digest/cluster-stories.js';
import { composeStory } from '../digest/compose-story.js';
import type { Story } from '../digest/digest.js';
import type { Idf } from '../digest/term-vector.js';
import { topicFilter } from '../digest/topic-filter.js';
import { compareOrdinal } from '../ordinal.js';
import { withoutPlantedSentences } from '../planted-instructions.js';
import type { ArticleStore } from '../ports.js';
import type { BriefingWindow } from './classify-message.js';
import { type BriefedStory, outletsLine, plainAnswer, shownDate } from './reply.js';

/** The numbers behind a chat briefing (set on the seeds and the conversation evaluation, docs/CONVERSATION.md). */
export interface NewsTuning {
  /** Days a plain "what's new" looks back (1-14). */
  recentDays: number;
  /** Days of "this week". */
  weekDays: number;
  /** Days of "today" (the last 24 hours). */
  todayDays: number;
  /** Stories per briefing and per "more" (1-5: a chat message, not a digest). */
  stories: number;
  /** Cited sentences per story (1-2). */
  sentencesPerStory: number;
  /** Articles read to find the stories (newest first). */
  maxArticles: number;
}

export const DEFAULT_NEWS: NewsTuning = {
  recentDays: 3,
  weekDays: 7,
  todayDays: 1,
  stories: 3,
  sentencesPerStory: 2,
  maxArticles: 3000,
};

const CONTEXT_DAYS = 3;
const DAY_MS = 86_400_000;

export interface NewsRequest {
  question: string;
  topic: string | null;
  /** How far back, in days (see `windowDays`). */
  days: number;
  /** Story ids already shown in this conversation: "more" skips them. */
  shown: string[];
}

export interface NewsBriefing {
  answer: Answer;
  stories: BriefedStory[];
  /** Every story id shown so far, these included. */
  shown: string[];
}

export function windowDays(window: BriefingWindow, tuning: NewsTuning = DEFAULT_NEWS): number {
  if (window === 'today') return tuning.todayDays;
  if (window === 'week') return tuning.weekDays;
  return tuning.recentDays;
}

export async function briefNews(
  store: ArticleStore,
  now: Date,
  request: NewsRequest,
  tuning: NewsTuning = DEFAULT_NEWS,
): Promise<NewsBriefing> {
  const from = new Date(now.getTime() - request.days * DAY_MS).toISOString();
  const until = now.toISOString();
  const about = request.topic ? topicFilter(request.topic) : () => true;
  const inWindow = withoutPlantedSentences(
    (await store.listArticlesBetween(
      new Date(Date.parse(from) - CONTEXT_DAYS * DAY_MS).toISOString(),
      until,
      tuning.maxArticles,
    )) as Article[],
  );
  const recent = (a: Article) => a.publishedAt !== null && a.publishedAt > from && a.publishedAt <= until;
  let { ranked, idf } = rankClusters(inWindow.filter(about), recent);
  const isRecent = ranked.length > 0;
  if (!isRecent) {
    const listed = (await store.listArticles({ limit: tuning.maxArticles })) as Article[];
    const latest = withoutPlantedSentences(listed).filter(about);
    ({ ranked, idf } = rankClusters(latest, () => true));
    ranked.sort(byLatestPublished);
  }
  const about_ = request.topic ? ` about “${request.topic}”` : '';
  if (ranked.length === 0) {
    const text = request.topic
      ? `I have no articles about “${request.topic}”.`
      : 'I have no articles yet: ingest some with `brief ingest <folder|url>`.';
    return { answer: plainAnswer(request.question, text, true), stories: [], shown: request.shown };
  }
  const left = ranked.filter((c) => !request.shown.includes(c.id));
  if (left.length === 0) {
    const text = `That's all I have${about_}: no more stories beyond the ones above.`;
    return { answer: plainAnswer(request.question, text), stories: [], shown: request.shown };
  }
  const page = left.slice(0, tuning.stories);
  const citations: Citation[] = [];
  const stories = page.map((c) => briefedStory(c, idf, citations, tuning.sentencesPerStory));
  const span = request.days === 1 ? 'the last 24 hours' : `the last ${request.days} days`;
  const continuing = request.shown.length > 0;
  const lead = isRecent
    ? continuing
      ? `More from ${span}${about_}:`
      : `The top ${stories.length === 1 ? 'story' : 'stories'}${about_} from ${span}:`
    : continuing
      ? `More of the most recent stories${about_}:`
      : `Nothing I have${about_} is dated in ${span}, so here ${stories.length === 1 ? 'is the most recent story' : 'are the most recent stories'} I have:`;
  const rest = left.length - page.length;
  const tail = rest > 0 ? `${rest} more — ask “what else?”` : null;
  const lines = [lead, ...stories.map((s, i) => storyLine(s, i + 1)), ...(tail ? [`(${tail})`] : [])];
  const sentences: AnswerSentence[] = [{ text: lead, citations: [] }, ...stories.flatMap((s) => s.sentences)];
  return {
    answer: {
      question: request.question,
      answer: lines.join('\n'),
      abstained: false,
      mode: 'extractive',
      sentences,
      citations,
      disagreement: stories.some((s) => s.disagreement !== null),
      note: null,
    },
    stories,
    shown: [...request.shown, ...page.map((c) => c.id)],
  };
}

/** Newest known publication date first (undated last), then more articles, then id. */
function byLatestPublished(a: RankedCluster, b: RankedCluster): number {
  const latest = (c: RankedCluster) => latestPublished(c.cluster.articles) ?? '';
  return (
    compareOrdinal(latest(b), latest(a)) ||
    b.cluster.articles.length - a.cluster.articles.length ||
    compareOrdinal(a.id, b.id)
  );
}

export function latestPublished(articles: Article[]): string | null {
  const dates = articles.flatMap((a) => (a.publishedAt ? [a.publishedAt] : [])).sort(compareOrdinal);
  return dates.at(-1) ?? null;
}

/** The story as shown in a briefing: its summary's first sentences, cited with numbers after `citations`. */
function briefedStory(
  ranked: RankedCluster,
  idf: Idf,
  citations: Citation[],
  sentencesPerStory: number,
): BriefedStory {
  const story: Story = composeStory(ranked.cluster, idf, false, DEFAULT_CLUSTERING);
  const summaryNumbers = [...story.summary.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const sentences: AnswerSentence[] = [];
  for (const n of summaryNumbers.slice(0, sentencesPerStory)) {
    const cited = story.citations.find((c) => c.n === n);
    if (!cited) continue;
    citations.push({ ...cited, n: citations.length + 1 });
    sentences.push({ text: cited.quote, citations: [citations.length] });
  }
  return {
    id: ranked.id,
    headline: story.headline,
    outlets: story.outlets,
    unnamedOutlets: story.unknownOutlets,
    articles: story.articleIds.length,
    publishedAt: latestPublished(ranked.cluster.articles),
    sentences,
    disagreement: story.disagreement?.replace(/\s*\[\d+\]/g, '') ?? null,
  };
}

function storyLine(story: BriefedStory, i: number): string {
  const said = story.sentences.map((s) => `${s.text} ${s.citations.map((n) => `[${n}]`).join('')}`).join(' ');
  return `${i}. ${story.headline} (${outletsLine(story)}; ${shownDate(story.publishedAt)}) ${said}`.trim();
}
