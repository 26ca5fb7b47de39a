/**
 * @module adapters/slack/slack-runtime
 * What every Slack handler shares: the core's ports plus the adapter's state (rate limiter, deduper,
 * share cache; kept in the chat state store, so shared by every instance), and the checks a question
 * passes before any work.
 */
import type { Briefing } from '../../core/briefing.js';
import type { Conversation } from '../../core/conversation/converse.js';
import { BriefError } from '../../core/errors.js';
import type { Clock, ConversationKey, ConversationStore, FeedbackStore, Logger } from '../../core/ports.js';
import { validateQuestion } from '../../core/question-limits.js';
import type { SharedRateLimiter } from '../../core/rate-limiter.js';
import type { Inflight } from '../inflight.js';
import type { Deduper } from './event-deduper.js';
import type { ShareCache } from './share-cache.js';

export interface SlackRuntime {
  briefing: Briefing;
  /** The conversation use case every question goes through (mentions, DMs, threads, /brief ask). */
  conversation: Conversation;
  conversations: ConversationStore;
  feedback: FeedbackStore;
  clock: Clock;
  logger: Logger;
  limiter: SharedRateLimiter;
  deduper: Deduper;
  shares: ShareCache;
  maxQuestionChars: number;
  /** The work in progress, which shutting down waits for (and tells, what it gives up on). */
  inflight: Inflight;
}

export function nowIso(rt: SlackRuntime): string {
  return rt.clock.now().toISOString();
}

/** `slack:T123:C456:1700000000.000100`: one conversation per thread (or per DM). */
export function conversationKey(teamId: string, channel: string, thread: string): ConversationKey {
  return `slack:${teamId}:${channel}:${thread}`;
}

/**
 * Checks a question before any work: its length first (a refused question costs no quota), then the
 * person's rate limit. Throws a BriefError whose message is meant for the person.
 */
export async function admitQuestion(
  rt: SlackRuntime,
  teamId: string,
  userId: string,
  text: string,
): Promise<string> {
  const question = validateQuestion(text, rt.maxQuestionChars);
  const decision = await rt.limiter.check(`${teamId}:${userId}`);
  if (!decision.allowed) throw new BriefError('rate_limited', rateLimitLine(decision.retryAfterSeconds));
  return question;
}

/** What a person over the rate limit reads in Slack. */
export function rateLimitLine(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds === 1 ? '1 second' : `${retryAfterSeconds} seconds`;
  return `:hourglass_flowing_sand: You're asking faster than I can read. Please try again in ${wait}.`;
}

/** Logs a failure with its code and cause; problems the person caused are not errors for the admins. */
export function logFailure(
  rt: SlackRuntime,
  message: string,
  error: BriefError,
  fields: Record<string, unknown> = {},
) {
  const level = error.code === 'bad_request' || error.code === 'rate_limited' ? 'info' : 'error';
  rt.logger[level](message, { code: error.code, cause: error.cause ?? error, ...fields });
}
