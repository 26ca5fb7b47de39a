/**
 * @module adapters/slack/answer-conversation
 * One question asked in a conversation (a mention, a DM, a thread follow-up): show 👀 at once, ask the
 * core with the thread's earlier turns (a model's partial text shows as a draft), post the answer,
 * remember the turn. Every failure ends in a short message in the same place (replacing any draft),
 * or a ⚠️ reaction when even that cannot be posted.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ConversationTurn } from '../../core/answer.js';
import type { ConversationKey } from '../../core/ports.js';
import { asBriefError, type BriefError, DeliveryError } from '../../errors.js';
import { plainReply } from './blocks.js';
import { createDraftReply, type DraftReply } from './draft-reply.js';
import { addReaction, postReply, removeReaction, type Target, type WebClient } from './post-messages.js';
import { renderAnswer } from './render-answer.js';
import { toDeliveryError, userMessage } from './slack-errors.js';
import { admitQuestion, HISTORY_TURNS, logFailure, nowIso, type SlackRuntime } from './slack-runtime.js';

export const WORKING_REACTION = 'eyes';
export const FAILED_REACTION = 'warning';

export interface ConversationQuestion {
  teamId: string;
  userId: string;
  /** The asking message: it gets the reaction. */
  channel: string;
  ts: string;
  /** Where the answer goes: the thread root, or undefined for the top level of a DM. */
  threadTs: string | undefined;
  conversationKey: ConversationKey;
  /**
   * Where earlier turns come from besides the conversation itself: a DM thread continues the DM it
   * branched from, and a top-level DM only counts turns from the last half hour (`since`).
   */
  context?: { parentKey?: ConversationKey; since?: string };
  /** Plain text, without the bot's mention. */
  text: string;
}

export async function answerConversation(
  rt: SlackRuntime,
  client: WebClient,
  q: ConversationQuestion,
): Promise<void> {
  const target: Target = { channel: q.channel, threadTs: q.threadTs };
  const started = performance.now();
  const draft = createDraftReply(client, target, { clock: rt.clock, logger: rt.logger });
  let working: Promise<boolean> = Promise.resolve(false);
  try {
    const question = admitQuestion(rt, q.teamId, q.userId, q.text);
    // Not awaited: the person sees 👀 while the core works, not after. The yield lets the request leave
    // before the core's answering, which may be CPU-bound, holds the event loop.
    working = addReaction(client, q.channel, q.ts, WORKING_REACTION, rt.logger);
    await yieldToEventLoop();
    const history = earlierTurns(rt, q);
    const answer = await rt.briefing.ask(question, { history, onProgress: draft.progress });
    const answerId = rt.feedback.recordAnswer(answer, q.conversationKey, nowIso(rt));
    await draft.finish(renderAnswer(answer, { answerId }));
    rememberTurn(rt, q.conversationKey, { question, answer: answer.answer });
    rt.logger.info('slack answer posted', {
      channel: q.channel,
      ts: q.ts,
      abstained: answer.abstained,
      followUp: history.length > 0,
      drafts: draft.drafts(),
      ms: Math.round(performance.now() - started),
    });
    await removeReaction(client, q.channel, q.ts, WORKING_REACTION, working, rt.logger);
  } catch (error) {
    const failure = toDeliveryError(error, 'answering');
    logFailure(rt, 'slack question failed', failure, { channel: q.channel, ts: q.ts });
    await reportFailure(rt, client, q, target, failure, working, draft);
  }
}

function earlierTurns(rt: SlackRuntime, q: ConversationQuestion): ConversationTurn[] {
  const own = rt.conversations.recentTurns(q.conversationKey, HISTORY_TURNS, q.context?.since);
  const parent = q.context?.parentKey;
  if (!parent || own.length >= HISTORY_TURNS) return own;
  return [...rt.conversations.recentTurns(parent, HISTORY_TURNS - own.length), ...own];
}

/** The answer is already posted: failing to remember it only costs follow-up context, so it is only logged. */
function rememberTurn(rt: SlackRuntime, key: ConversationKey, turn: ConversationTurn): void {
  try {
    rt.conversations.appendTurn(key, turn, nowIso(rt));
  } catch (error) {
    const failure = asBriefError(error);
    rt.logger.error('slack turn not remembered', { code: failure.code, cause: failure, conversation: key });
  }
}

/**
 * Tells the person what went wrong where they asked, in place of any draft; falls back to a ⚠️ reaction
 * if Slack refuses that too.
 */
async function reportFailure(
  rt: SlackRuntime,
  client: WebClient,
  q: ConversationQuestion,
  target: Target,
  failure: BriefError,
  working: Promise<boolean>,
  draft: DraftReply,
): Promise<void> {
  const reply = plainReply(userMessage(failure));
  try {
    if (!(await draft.fail(reply))) await postReply(client, target, reply);
    await removeReaction(client, q.channel, q.ts, WORKING_REACTION, working, rt.logger);
  } catch (error) {
    const undelivered = error instanceof DeliveryError ? error : toDeliveryError(error, 'the error message');
    rt.logger.error('slack failure not reported in chat', {
      code: undelivered.code,
      cause: undelivered,
      channel: q.channel,
    });
    await removeReaction(client, q.channel, q.ts, WORKING_REACTION, working, rt.logger);
    await addReaction(client, q.channel, q.ts, FAILED_REACTION, rt.logger);
  }
}
