/**
 * @module adapters/discord/prepare-answer
 * One question, start to finish on the core side: validate, ask with the conversation's earlier
 * turns (partial text of a model's answer goes to `onProgress`), record the answer for feedback,
 * render it; the turn is remembered once it was delivered, also for threads started from the answer.
 */
import type { ConversationTurn } from '../../core/answer.js';
import type { ConversationKey } from '../../core/ports.js';
import { validateQuestion } from '../../core/question-limits.js';
import { conversationKeyFor } from './conversation-keys.js';
import type { PostedMessage } from './deliver.js';
import type { DiscordDeps } from './discord-deps.js';
import { renderAnswer } from './render-answer.js';
import type { DiscordReply } from './subcommand.js';

/** How many earlier exchanges a follow-up sees. */
export const HISTORY_TURNS = 6;

export interface QuestionInput {
  question: string;
  key: ConversationKey;
  rootId: string;
}

export async function prepareAnswer(
  deps: DiscordDeps,
  input: QuestionInput,
  onProgress?: (partialText: string) => void,
): Promise<DiscordReply> {
  const question = validateQuestion(input.question, deps.config.BRIEF_MAX_QUESTION_CHARS);
  const history = deps.conversations.recentTurns(input.key, HISTORY_TURNS);
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
    onDelivered: (posted) => {
      const now = deps.clock.now().toISOString();
      deps.conversations.appendTurn(input.key, turn, now);
      rememberUnder(deps, posted, input.key, [...history, turn].slice(-HISTORY_TURNS), now);
    },
  };
}

/**
 * A thread started from one of the answer's messages has that message's id, and so its own
 * conversation key (see conversation-keys): the conversation so far is kept under each such key too,
 * as digests are, so a question in the thread has it as context.
 */
function rememberUnder(
  deps: DiscordDeps,
  posted: readonly PostedMessage[],
  key: ConversationKey,
  turns: readonly ConversationTurn[],
  now: string,
): void {
  for (const message of posted) {
    // Threads cannot be started in threads or direct messages.
    if (message.place.guildId === null || message.place.threadParentId !== null) continue;
    const threadKey = conversationKeyFor(message.place, message.id);
    if (threadKey === key) continue;
    for (const turn of turns) deps.conversations.appendTurn(threadKey, turn, now);
  }
}
