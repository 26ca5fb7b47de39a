/**
 * @module core/conversation/converse
 * The conversation use case every chat adapter runs for a message: validate it, rate-limit the asker,
 * show that work started, answer it with the conversation's earlier turns (a model's partial text goes
 * to the draft), record the answer for feedback, deliver it, and remember the turn. Adapters fill in a
 * small reply handle (as hono's WSContext does for each runtime) and only translate and render.
 */

import type { ConversationTurn, TurnContext } from '../answer.js';
import type { Briefing } from '../briefing.js';
import { asBriefError, BriefError } from '../errors.js';
import type { Clock, ConversationKey, ConversationStore, FeedbackStore, Logger } from '../ports.js';
import { validateQuestion } from '../question-limits.js';
import type { RateLimiter, SharedRateLimiter } from '../rate-limiter.js';
import { answerMessage } from './answer-message.js';
import type { ConversationReply } from './reply.js';

/** Earlier turns a follow-up sees, on every platform (was 4 in Slack and 6 in Discord). */
export const HISTORY_TURNS = 6;

export interface ConversationDeps {
  briefing: Briefing;
  conversations: ConversationStore;
  /** Records answers for the 👍/👎 buttons; without it replies carry no answer id. */
  feedback?: FeedbackStore;
  clock: Clock;
  logger: Logger;
  maxQuestionChars: number;
  /** The per-person limit, and the platform's wording of a refusal. */
  limit?: { limiter: RateLimiter | SharedRateLimiter; message(retryAfterSeconds: number): string };
  historyTurns?: number;
}

export interface IncomingMessage {
  /** Plain text, without the bot's mention. */
  text: string;
  /** Who asks, as the rate limit counts them (`T1:U1`, `discord:123`). */
  asker: string;
  conversation: ConversationKey;
  /**
   * Where earlier turns come from besides the conversation itself: a thread started from an answer
   * (or a DM thread) continues its parent's; a top-level DM counts only turns since `since` (ISO).
   */
  context?: { parentKey?: ConversationKey; since?: string };
}

/** What an adapter fills in for one message: where the reply goes and how it shows. */
export interface ReplyHandle {
  /** The message was accepted: show that work started (👀, typing, a deferred reply). */
  working?(): Promise<void> | void;
  /** A model's partial text, for a draft; never called with unverified citations. Must not throw. */
  progress?(partialText: string): void;
  /** Shows the reply, in place of any draft. Throws a BriefError when the platform refused it. */
  send(reply: ConversationReply): Promise<void>;
  /** Tells the person what went wrong, in place of any draft. Must not throw. */
  fail(error: BriefError): Promise<void>;
}

export type ConversationOutcome =
  | { ok: true; reply: ConversationReply; followUp: boolean }
  | { ok: false; error: BriefError };

export interface Conversation {
  converse(message: IncomingMessage, reply: ReplyHandle): Promise<ConversationOutcome>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const historyTurns = deps.historyTurns ?? HISTORY_TURNS;
  const now = () => deps.clock.now().toISOString();

  async function earlierTurns(message: IncomingMessage): Promise<ConversationTurn[]> {
    const { conversations } = deps;
    const own = await conversations.recentTurns(message.conversation, historyTurns, message.context?.since);
    const parent = message.context?.parentKey;
    if (!parent || parent === message.conversation || own.length >= historyTurns) return own;
    return [...(await conversations.recentTurns(parent, historyTurns - own.length)), ...own];
  }

  async function admit(message: IncomingMessage): Promise<string> {
    const question = validateQuestion(message.text, deps.maxQuestionChars);
    const decision = await deps.limit?.limiter.check(message.asker);
    if (decision && !decision.allowed) {
      throw new BriefError('rate_limited', deps.limit?.message(decision.retryAfterSeconds) ?? '');
    }
    return question;
  }

  /**
   * The reply is already shown: failing to remember it only costs follow-up context, so it is logged.
   * Its context (who and what it named) is worked out here, after the reply, not before.
   */
  async function remember(
    key: ConversationKey,
    question: string,
    answer: string,
    context: () => Promise<TurnContext>,
  ): Promise<void> {
    try {
      await deps.conversations.appendTurn(key, { question, answer, context: await context() }, now());
    } catch (error) {
      const failure = asBriefError(error);
      deps.logger.error('conversation turn not remembered', {
        code: failure.code,
        cause: failure,
        conversation: key,
      });
    }
  }

  return {
    async converse(message, handle) {
      try {
        const question = await admit(message);
        await handle.working?.();
        const history = await earlierTurns(message);
        const drafted = await answerMessage(
          deps.briefing,
          question,
          history,
          handle.progress ? { onProgress: handle.progress } : {},
        );
        const recorded = drafted.reply.kind !== 'chat' && drafted.reply.kind !== 'clarify';
        const answerId =
          recorded && deps.feedback
            ? await deps.feedback.recordAnswer(drafted.reply.answer, message.conversation, now())
            : null;
        const reply: ConversationReply = { ...drafted.reply, answerId };
        await handle.send(reply);
        await remember(message.conversation, question, reply.answer.answer, drafted.context);
        deps.logger.debug('conversation replied', { kind: reply.kind, conversation: message.conversation });
        return { ok: true, reply, followUp: history.length > 0 };
      } catch (caught) {
        const error = asBriefError(caught);
        try {
          await handle.fail(error);
        } catch (again) {
          deps.logger.error('conversation failure not reported', { cause: asBriefError(again) });
        }
        return { ok: false, error };
      }
    },
  };
}
