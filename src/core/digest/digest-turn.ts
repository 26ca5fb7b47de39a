/**
 * @module core/digest/digest-turn
 * The conversation turn a posted digest leaves in its thread, so follow-up questions there are read in
 * the context of its stories: the headlines stand in the question (follow-ups borrow the earlier
 * questions' terms), the headlines and summaries in the answer (what a model sees as history), and a
 * briefing context for the conversation's follow-ups.
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
    // A briefing of its stories: "what else?" continues after them, "who reported it?" is the first
    // story. The people and organisations are read from the answer when a follow-up needs them.
    context: {
      kind: 'briefing',
      subject: digest.stories[0]?.headline ?? null,
      people: [],
      organisations: [],
      briefing: { topic: digest.topic, days: 1, shown: digest.stories.map((s) => s.id) },
    },
  };
}
