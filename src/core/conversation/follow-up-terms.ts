/**
 * @module core/conversation/follow-up-terms
 * The earlier questions' terms a follow-up is searched with (at a lower weight, see query.ts): a short
 * question, or one that leans on the thread ("and", "it", "that deal"), is read in the context of the
 * last two questions. Pronouns are already replaced by their referents (resolve-follow-up.ts) when a
 * conversation asks; these terms still carry what the thread was about.
 */
import type { ConversationTurn } from '../answer.js';
import { tokenize } from '../text/tokenize.js';

/** Words that make a question lean on the thread before it. */
const ANAPHORA =
  /^(and|but|also|what about|how about|so)\b|\b(it|its|they|them|their|that|this|those|these|he|she|his|her|the deal|the agreement)\b/i;

export function followUpTerms(text: string, terms: string[], history: ConversationTurn[]): string[] {
  // "hi" and "thanks" say nothing about what the thread is about.
  const topical = history.filter((t) => t.context?.kind !== 'chat' && t.context?.kind !== 'clarify');
  const last = topical[topical.length - 1];
  if (!last) return [];
  if (terms.length > 4 && !ANAPHORA.test(text)) return [];
  const own = new Set(terms);
  // The previous questions say what the thread is about; their answers would drag in every detail.
  const earlier = topical.slice(-2).flatMap((turn) => tokenize(turn.question));
  return [...new Set(earlier)].filter((t) => !own.has(t));
}
