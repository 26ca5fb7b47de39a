/**
 * @module adapters/slack/draft-reply
 * An answer shown while a language model writes it: the first partial text posts a ✍️ draft where the
 * answer goes, later text updates it at most once a second, and the verified answer (or the failure
 * line) replaces it. Without partial text (no model) the reply is simply posted, as before.
 */

import { createDraftPacer } from '../../core/draft-pacer.js';
import type { Clock, Logger } from '../../core/ports.js';
import { type SlackReply, toMessages } from './blocks.js';
import { deleteMessage, postMessages, type Target, updateMessage, type WebClient } from './post-messages.js';
import { renderDraft } from './render-draft.js';
import { toDeliveryError } from './slack-errors.js';

/**
 * Slack allows about one chat.update per second per message; the core paces its partial text too,
 * but the adapter does not rely on that.
 */
export const DRAFT_INTERVAL_MS = 1_000;

export interface DraftReply {
  /** For `AskOptions.onProgress`: shows the partial text as a draft, paced. Never throws. */
  progress(partialText: string): void;
  /**
   * Replaces the draft with the reply's first message and posts the others after it, or posts the whole
   * reply when no draft is showing. Waits for a draft update in flight first. Returns each message's ts.
   */
  finish(reply: SlackReply): Promise<string[]>;
  /**
   * Replaces a showing draft with a failure reply. False when no draft is showing (any more): the draft
   * could not be replaced and was deleted, or there was none, so the caller reports the failure as usual.
   */
  fail(reply: SlackReply): Promise<boolean>;
  /** How many draft posts and updates were started. */
  drafts(): number;
}

export interface DraftOptions {
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
}

export function createDraftReply(client: WebClient, target: Target, options: DraftOptions): DraftReply {
  const { logger } = options;
  /** The draft message, while it shows unverified text. */
  let draftTs: string | undefined;
  const pacer = createDraftPacer(
    async (text) => {
      const message = renderDraft(text);
      if (draftTs !== undefined) return updateMessage(client, target.channel, draftTs, message);
      const [ts] = await postMessages(client, target, [message]);
      if (ts) draftTs = ts;
    },
    {
      clock: options.clock,
      intervalMs: options.intervalMs ?? DRAFT_INTERVAL_MS,
      onError: (error) => {
        const failure = toDeliveryError(error, 'the draft');
        logger.warn('slack draft not shown', { code: failure.code, cause: failure, channel: target.channel });
      },
    },
  );

  return {
    progress: (text) => pacer.offer(text),
    drafts: () => pacer.sent(),
    async finish(reply) {
      await pacer.settle();
      const messages = toMessages(reply);
      const ts = draftTs;
      const [first, ...rest] = messages;
      if (ts === undefined || first === undefined) return postMessages(client, target, messages);
      await updateMessage(client, target.channel, ts, first);
      draftTs = undefined; // the answer shows now: a later failure must not overwrite it
      return [ts, ...(await postMessages(client, target, rest))];
    },
    async fail(reply) {
      await pacer.settle();
      const ts = draftTs;
      const [first] = toMessages(reply);
      if (ts === undefined || first === undefined) return false;
      draftTs = undefined;
      try {
        await updateMessage(client, target.channel, ts, first);
        return true;
      } catch (error) {
        const failure = toDeliveryError(error, 'the draft');
        logger.warn('slack draft not replaced; deleting it', { code: failure.code, cause: failure, ts });
      }
      try {
        await deleteMessage(client, target.channel, ts);
      } catch (error) {
        const failure = toDeliveryError(error, 'the draft');
        logger.error('slack stale draft left', { code: failure.code, cause: failure, ts });
      }
      return false;
    },
  };
}
