/**
 * @module core/digest/digest-turn
 * The conversation turn a posted digest leaves in its thread, so follow-up questions there are read in
 * the context of its stories: the headlines stand in the question (follow-ups borrow the earlier
 * questions' terms), the headlines and summaries in the answer (what a model sees as history).
 */
import type { ConversationTurn } from '../answer.js';
import type { Digest } from './digest.js';

const ANSWER_CHARS = 4000;

export function digestTurn(digest: Digest): ConversationTurn {
  const headlines = digest.stories.map((s) => s.headline).join('; ');
  const stories = digest.stories.map((story, i) => {
    const summary = story.summary.replace(/\s*\[\d+\]/g, '').trim();
    return `${i + 1}. ${story.headline}${story.updated ? ' (updated)' : ''}\n${summary}`;
  });
  const answer = stories.join('\n\n');
  return {
    question: `Today's digest: ${headlines}`,
    answer: answer.length > ANSWER_CHARS ? `${answer.slice(0, ANSWER_CHARS - 1)}…` : answer,
  };
}
