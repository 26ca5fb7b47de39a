/**
 * @module adapters/discord/prepare-answer
 * One question, start to finish on the core side: validate, ask with the conversation's earlier
 * turns (partial text of a model's answer goes to `onProgress`), record the answer for feedback,
 * render it; the turn is remembered, under the conversation's own key, once it was delivered.
 */
import type { ConversationTurn } from '../../core/answer.js';
import type { ConversationKey } from '../../core/ports.js';
import { validateQuestion } from '../../core/question-limits.js';
import type { DiscordDeps } from './discord-deps.js';
import { renderAnswer } from './render-answer.js';
import type { DiscordReply } from './subcommand.js';

/** How many earlier exchanges a follow-up sees. */
export const HISTORY_TURNS = 6;

export interface QuestionInput {
  question: string;
  key: ConversationKey;
  rootId: string;
  /**
   * The conversation this one continues, for a thread started from one of the bot's answers: its
   * recent turns come before the thread's own (see message-handler).
   */
  parentKey?: ConversationKey;
}

export async function prepareAnswer(
  deps: DiscordDeps,
  input: QuestionInput,
  onProgress?: (partialText: string) => void,
): Promise<DiscordReply> {
  const question = validateQuestion(input.question, deps.config.BRIEF_MAX_QUESTION_CHARS);
  const history = earlierTurns(deps, input);
  const answer = await deps.briefing.ask(question, {
    ...(history.length > 0 ? { history } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  const answerId = deps.feedback.recordAnswer(answer, input.key, deps.clock.now().toISOString());
  deps.logger.info('discord answer ready', {
    conversation: input.key,
    answerId,
    abstained: answer.abstained,
    citations: answer.citations.length,
    followUp: history.length > 0,
  });
  const turn = { question, answer: answer.answer };
  return {
    messages: renderAnswer(answer, { answerId, rootId: input.rootId }),
    onDelivered: () => deps.conversations.appendTurn(input.key, turn, deps.clock.now().toISOString()),
  };
}

/** The conversation's own recent turns, preceded by its parent's while they leave room (oldest first). */
function earlierTurns(deps: DiscordDeps, input: QuestionInput): ConversationTurn[] {
  const own = deps.conversations.recentTurns(input.key, HISTORY_TURNS);
  const parent = input.parentKey;
  if (parent === undefined || parent === input.key || own.length >= HISTORY_TURNS) return own;
  return [...deps.conversations.recentTurns(parent, HISTORY_TURNS - own.length), ...own];
}
