/**
 * @module core/digest/write-story-with-model
 * An optional step after buildDigest: the model rewrites each story's headline and summary from the
 * story's lead passages, under the same verification as answers. Whatever fails verification (or a
 * failed call) keeps the extractive headline or summary; facts and citations already there stay.
 */
import { type AnswerModel, AnswerModelError } from '../answer-model.js';
import { type Article, type Citation, type Passage, toCitation } from '../article.js';
import type { ArticleStore, Logger } from '../ports.js';
import {
  DEFAULT_VERIFICATION,
  type GivenPassage,
  type VerificationTuning,
  type VerifiedSource,
  verifySentences,
} from '../verify-model-answer.js';
import type { Digest, Story } from './digest.js';

export interface StoryWriting {
  store: ArticleStore;
  logger: Logger;
  /** Passages given to the model per story (OPENAI_MAX_PASSAGES); default 8. */
  maxPassages?: number;
  verification?: VerificationTuning;
}

const MAX_HEADLINE_CHARS = 140;
const MAX_SUMMARY_SENTENCES = 3;

export async function refineDigestWithModel(
  digest: Digest,
  model: AnswerModel,
  deps: StoryWriting,
): Promise<Digest> {
  const stories: Story[] = [];
  let stopped = false;
  for (const story of digest.stories) {
    if (stopped) {
      stories.push(story);
      continue;
    }
    try {
      stories.push(await refineStory(story, model, deps));
    } catch (error) {
      deps.logger.warn('model story failed; keeping the quoted one', {
        story: story.id,
        error: (error as Error).message,
      });
      // Later stories would fail the same way: don't spend the time.
      stopped =
        error instanceof AnswerModelError && (error.reason === 'circuit_open' || error.reason === 'budget');
      stories.push(story);
    }
  }
  return { ...digest, stories };
}

async function refineStory(story: Story, model: AnswerModel, deps: StoryWriting): Promise<Story> {
  const given = await storyPassages(story, deps.store, deps.maxPassages ?? 8);
  if (given.length === 0) return story;
  const draft = await model.writeStory({
    passages: given.map((p) => ({
      n: p.n,
      title: p.article.title,
      source: p.article.source,
      publishedAt: p.article.publishedAt,
      text: p.text,
    })),
  });
  const tuning = deps.verification ?? DEFAULT_VERIFICATION;
  const headline = verifySentences([draft.headline], given, tuning).sentences[0];
  const summary = verifySentences(draft.summary, given, {
    ...tuning,
    maxSentences: MAX_SUMMARY_SENTENCES,
  }).sentences;
  const citations = [...story.citations];
  const numberOf = (s: VerifiedSource) => {
    const existing = citations.find((c) => c.articleId === s.article.id && c.quote === s.quote);
    if (existing) return existing.n;
    citations.push(toCitation(citations.length + 1, s.article, s.quote));
    return citations.length;
  };
  const headlineText = headline?.text.replace(/[.\s]+$/, '');
  const keepHeadline = !headlineText || headlineText.length > MAX_HEADLINE_CHARS;
  deps.logger.info('model story verified', {
    story: story.id,
    headline: !keepHeadline,
    summarySentences: summary.length,
    totalTokens: draft.usage?.totalTokens ?? null,
  });
  return {
    ...story,
    headline: keepHeadline ? story.headline : headlineText,
    summary:
      summary.length === 0
        ? story.summary
        : summary
            .map((s) => {
              const numbers = [...new Set(s.sources.map(numberOf))].sort((a, b) => a - b);
              return `${s.text} ${numbers.map((n) => `[${n}]`).join('')}`;
            })
            .join(' '),
    citations: citations satisfies Citation[],
  };
}

/** The first passage of each article (in the story's order), then their second passages. */
async function storyPassages(story: Story, store: ArticleStore, max: number): Promise<GivenPassage[]> {
  const articles = await store.getArticles(story.articleIds);
  const leads: { article: Article; passages: Passage[] }[] = [];
  for (const id of story.articleIds) {
    const article = articles.get(id);
    if (article) leads.push({ article, passages: (await store.getPassages(id)).slice(0, 2) });
  }
  const picked = [0, 1].flatMap((i) =>
    leads.flatMap(({ article, passages }) => {
      const passage = passages[i];
      return passage ? [{ article, text: passage.text }] : [];
    }),
  );
  return picked.slice(0, max).map((p, i) => ({ n: i + 1, article: p.article, text: p.text }));
}
