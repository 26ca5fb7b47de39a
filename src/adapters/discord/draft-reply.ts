/**
 * @module adapters/discord/draft-reply
 * An answer shown while a language model writes it: the partial text as a ✍️ draft, edited at most
 * every 1.2 s, then replaced by the verified answer or the failure line. For `/brief ask` the draft is
 * the deferred reply; for a mention or a DM it is the reply, sent at the first partial text.
 */
import type { Message, RepliableInteraction } from 'discord.js';
import { createDraftPacer, type DraftPacer } from '../../core/draft-pacer.js';
import type { Clock, Logger } from '../../core/ports.js';
import { deliverToMessage, replyPayload, sendAfter } from './deliver.js';
import { logFailure, toBriefError } from './discord-errors.js';
import { NO_MENTIONS, replacingPayload, safePayload } from './outgoing.js';
import { renderDraft } from './render-draft.js';
import type { DiscordReply } from './subcommand.js';

/** Discord rate-limits edits of one message; the core paces its partial text too, but this does not rely on it. */
export const DRAFT_INTERVAL_MS = 1_200;

export interface DraftOptions {
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
}

export interface InteractionDraft {
  /** For `AskOptions.onProgress`: edits the deferred reply into a draft, paced. Never throws. */
  progress(partialText: string): void;
  /** Stops drafting; resolves once no draft edit is in flight, so the next edit of the reply has the last word. */
  settle(): Promise<void>;
  /** How many draft edits were started. */
  drafts(): number;
}

export function createInteractionDraft(
  interaction: RepliableInteraction,
  options: DraftOptions,
): InteractionDraft {
  const pacer = pace(options, { interactionId: interaction.id }, async (text) => {
    await interaction.editReply(safePayload(renderDraft(text)));
  });
  return { progress: (text) => pacer.offer(text), settle: () => pacer.settle(), drafts: () => pacer.sent() };
}

export interface MessageDraft {
  /** For `AskOptions.onProgress`: replies with a draft at the first text, then edits it, paced. Never throws. */
  progress(partialText: string): void;
  /**
   * Edits the reply's first message into the draft and sends the others after it, or delivers the reply
   * as usual when no draft shows. Waits for a draft edit in flight first.
   */
  finish(reply: DiscordReply): Promise<void>;
  /**
   * Replaces a showing draft with one line. False when none shows (any more): there was none, or it could
   * not be edited and was deleted, so the caller tells the person as usual.
   */
  fail(line: string): Promise<boolean>;
  /** How many draft sends and edits were started. */
  drafts(): number;
}

export function createMessageDraft(question: Message, options: DraftOptions): MessageDraft {
  const where = { channelId: question.channelId, messageId: question.id };
  /** The bot's reply, while it shows unverified text. */
  let shown: Message | undefined;
  const pacer = pace(options, where, async (text) => {
    if (shown) await shown.edit(safePayload(renderDraft(text)));
    else shown = await question.reply(replyPayload(renderDraft(text)));
  });
  return {
    progress: (text) => pacer.offer(text),
    drafts: () => pacer.sent(),
    async finish(reply) {
      await pacer.settle();
      const draft = shown;
      const [first, ...rest] = reply.messages;
      if (!draft || !first) return deliverToMessage(question, reply);
      await draft.edit(replacingPayload(first));
      shown = undefined; // the answer shows now: a later failure must not overwrite it
      await sendAfter(question, rest);
      await reply.onDelivered?.();
    },
    async fail(line) {
      await pacer.settle();
      const draft = shown;
      if (!draft) return false;
      shown = undefined;
      try {
        await draft.edit({ content: line, embeds: [], components: [], allowedMentions: NO_MENTIONS });
        return true;
      } catch (error) {
        logFailure(options.logger, 'discord draft not replaced; deleting it', toBriefError(error), where);
      }
      await draft
        .delete()
        .catch((error: unknown) =>
          logFailure(options.logger, 'discord stale draft left', toBriefError(error), where),
        );
      return false;
    },
  };
}

function pace(
  options: DraftOptions,
  where: Record<string, unknown>,
  send: (text: string) => Promise<void>,
): DraftPacer {
  return createDraftPacer(send, {
    clock: options.clock,
    intervalMs: options.intervalMs ?? DRAFT_INTERVAL_MS,
    onError: (error) => logFailure(options.logger, 'discord draft not shown', toBriefError(error), where),
  });
}
