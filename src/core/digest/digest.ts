/**
 * @module core/digest/digest
 * What a digest is: the stories that are new or updated in a time window, each grouping the articles
 * that several outlets wrote about one event, with a headline, a short summary, key facts with
 * numbered citations, the outlets, and a note where the sources disagree.
 */
import type { AnswerSentence } from '../answer.js';
import { type Citation, toCitationJson } from '../article.js';

export interface Story {
  /** Stable for the same set of articles: the id of its earliest article. */
  id: string;
  headline: string;
  /** One to three sentences; extractive offline (verbatim quotes). */
  summary: string;
  /** Key facts, each with citation numbers into `citations`. */
  facts: AnswerSentence[];
  /** One citation per quoted sentence; numbering starts at 1 within the story. */
  citations: Citation[];
  articleIds: string[];
  /** Named outlets, most articles first. */
  outlets: string[];
  /** Articles whose outlet is unknown. */
  unknownOutlets: number;
  /** Where sources disagree, a sentence saying so (each side is among the facts), else null. */
  disagreement: string | null;
  /**
   * True when the story was known before the window (an article of it was stored before) and gained
   * or changed an article in it: a story grown by another outlet, or an edited article, is shown
   * once as updated, not as a new story.
   */
  updated: boolean;
  /** For an updated story, the named outlets that joined it in the window (none of theirs before). */
  newOutlets: string[];
  /** ISO time of its newest article (published, else ingested). */
  latestAt: string;
}

export interface Digest {
  window: { from: string; to: string };
  topic: string | null;
  stories: Story[];
  /** Stories left out by the cap. */
  more: number;
}

export interface DigestRequest {
  /** Window start (exclusive of earlier news), ISO. */
  since: string;
  /** Window end, ISO; usually now or the scheduled time. */
  until: string;
  topic?: string | null;
  maxStories?: number;
}

/** The `brief digest --json` shape: a stable interface. */
export function toDigestJson(digest: Digest) {
  return {
    window: digest.window,
    stories: digest.stories.map((s) => ({
      headline: s.headline,
      summary: s.summary,
      sources: s.citations.map(toCitationJson),
      articleIds: s.articleIds,
    })),
  };
}
