/**
 * @module adapters/slack/answer-conversation
 * One message in a conversation (a mention, a DM, a thread follow-up), through the core's conversation
 * use case: this file fills in its reply handle for Slack. 👀 shows at once, a model's partial text
 * shows as a draft, the reply replaces it; every failure ends in a short message in the same place
 * (replacing any draft), or a ⚠️ reaction when even that cannot be posted.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type BriefError, DeliveryError } from '../../core/errors.js';
import type { ConversationKey } from '../../core/ports.js';
import { plainReply } from './blocks.js';
import { createDraftReply, type DraftReply } from './draft-reply.js';
import { addReaction, postReply, removeReaction, type Target, type WebClient } from './post-messages.js';
import { renderReply } from './render-reply.js';
import { toDeliveryError, userMessage } from './slack-errors.js';
import { logFailure, type SlackRuntime } from './slack-runtime.js';

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
  const outcome = await rt.conversation.converse(
    {
      text: q.text,
      asker: `${q.teamId}:${q.userId}`,
      conversation: q.conversationKey,
      ...(q.context ? { context: q.context } : {}),
    },
    {
      async working() {
        // Not awaited: the person sees 👀 while the core works, not after. The yield lets the request
        // leave before the core's answering, which may be CPU-bound, holds the event loop.
        working = addReaction(client, q.channel, q.ts, WORKING_REACTION, rt.logger);
        await yieldToEventLoop();
      },
      progress: draft.progress,
      async send(reply) {
        try {
          await draft.finish(renderReply(reply));
        } catch (error) {
          throw toDeliveryError(error, 'answering');
        }
      },
      async fail(error) {
        logFailure(rt, 'slack question failed', error, { channel: q.channel, ts: q.ts });
        await reportFailure(rt, client, q, target, error, working, draft);
      },
    },
  );
  if (!outcome.ok) return;
  rt.logger.info('slack answer posted', {
    channel: q.channel,
    ts: q.ts,
    kind: outcome.reply.kind,
    abstained: outcome.reply.answer.abstained,
    followUp: outcome.followUp,
    drafts: draft.drafts(),
    ms: Math.round(performance.now() - started),
  });
  await removeReaction(client, q.channel, q.ts, WORKING_REACTION, working, rt.logger);
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
