/**
 * @module core/conversation/reply
 * What the conversation use case hands an adapter to render: every kind of reply carries an Answer (the
 * text with its [n] markers and citations, the `brief ask` shape), and a briefing also its stories, so
 * chat platforms can show it as a compact digest. `toChatJson` is the `brief chat --json` line.
 */
import { type Answer, type AnswerSentence, type ReplyKind, toAskJson } from '../answer.js';

/** One story of a briefing, as shown in chat. Citation numbers count across the whole briefing. */
export interface BriefedStory {
  /** The story id (its earliest article's), so "more" can skip it. */
  id: string;
  headline: string;
  /** Named outlets, most articles first. */
  outlets: string[];
  /** Articles whose outlet is not named. */
  unnamedOutlets: number;
  articles: number;
  /** The newest known publication date of its articles (ISO), or null when none is dated. */
  publishedAt: string | null;
  /** One or two sentences, verbatim, cited. */
  sentences: AnswerSentence[];
  /** Where its outlets disagree, a sentence saying so, else null. */
  disagreement: string | null;
}

export interface ConversationReply {
  kind: ReplyKind;
  answer: Answer;
  /** The stories of a briefing, in order; empty for other kinds. */
  stories: BriefedStory[];
  /** Example questions of a small-talk reply; empty for other kinds. */
  examples: string[];
  /** The question as the core read it, when follow-up resolution changed it. */
  resolvedQuestion: string | null;
  /** The FeedbackStore id (👍/👎 buttons), or null when the reply is not recorded (small talk). */
  answerId: string | null;
}

/** The `brief chat --json` shape: the `brief ask --json` keys first, then `kind` and `resolvedQuestion`. */
export function toChatJson(reply: ConversationReply) {
  return { ...toAskJson(reply.answer), kind: reply.kind, resolvedQuestion: reply.resolvedQuestion };
}

/** An Answer without citations: small talk, clarifying questions, "that's all". */
export function plainAnswer(question: string, text: string, abstained = false): Answer {
  return {
    question,
    answer: text,
    abstained,
    mode: 'extractive',
    sentences: [{ text, citations: [] }],
    citations: [],
    disagreement: false,
    note: null,
  };
}

/** "5 articles: CNBC, GeekWire and 3 with no outlet named". */
export function outletsLine(story: Pick<BriefedStory, 'outlets' | 'unnamedOutlets' | 'articles'>): string {
  const count = `${story.articles} article${story.articles === 1 ? '' : 's'}`;
  if (story.outlets.length === 0) return `${count}, outlet${story.articles === 1 ? '' : 's'} not named`;
  const names = [...story.outlets];
  if (story.unnamedOutlets > 0) names.push(`${story.unnamedOutlets} with no outlet named`);
  const last = names.pop();
  return `${count}: ${names.length > 0 ? `${names.join(', ')} and ${last}` : last}`;
}

/** A date as shown beside a story or an article: the day, or "date unknown", never a guess. */
export function shownDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'date unknown';
}
