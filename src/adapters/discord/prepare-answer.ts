/**
 * @module adapters/discord/prepare-answer
 * `/brief ask` through the core's conversation use case: the question (already checked and counted
 * against the rate limit before the deferral, see chat-command) is answered with the conversation's
 * earlier turns (a model's partial text goes to `onProgress`), recorded for feedback and rendered; the
 * reply is delivered by the command runner.
 */
import type { Conversation, ConversationOutcome } from '../../core/conversation/converse.js';
import type { BriefError } from '../../core/errors.js';
import type { ConversationKey } from '../../core/ports.js';
import { renderReply } from './render-reply.js';
import type { DiscordReply } from './subcommand.js';

export interface QuestionInput {
  question: string;
  /** Who asks, as the rate limit counts them. */
  asker: string;
  key: ConversationKey;
  rootId: string;
}

export async function prepareAnswer(
  conversation: Conversation,
  log: (key: ConversationKey, outcome: Extract<ConversationOutcome, { ok: true }>) => void,
  input: QuestionInput,
  onProgress?: (partialText: string) => void,
): Promise<DiscordReply> {
  let prepared: DiscordReply | undefined;
  let failure: BriefError | undefined;
  const outcome = await conversation.converse(
    { text: input.question, asker: input.asker, conversation: input.key },
    {
      ...(onProgress ? { progress: onProgress } : {}),
      send: async (reply) => {
        prepared = { messages: renderReply(reply, input.rootId) };
      },
      fail: async (error) => {
        failure = error;
      },
    },
  );
  // The command runner tells the person and logs it, as for every subcommand.
  if (failure || !prepared || !outcome.ok) throw failure;
  log(input.key, outcome);
  return prepared;
}
