/**
 * @module adapters/slack/feedback-action
 * The 👍/👎 buttons under every answer: the vote is stored (one per person per answer, last click wins),
 * the clicker gets a private thank-you with the counts, and a public answer shows the counts on its buttons.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { Vote } from '../../core/ports.js';
import type { Block } from './blocks.js';
import { FEEDBACK_BLOCK_ID, FEEDBACK_DOWN, FEEDBACK_UP, feedbackActions } from './render-answer.js';
import { respondWithFailure, toDeliveryError } from './slack-errors.js';
import { logFailure, nowIso, type SlackRuntime } from './slack-runtime.js';

export function registerFeedbackAction(app: App, rt: SlackRuntime): void {
  app.action<BlockButtonAction>(
    new RegExp(`^(${FEEDBACK_UP}|${FEEDBACK_DOWN})$`),
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const vote: Vote = action.action_id === FEEDBACK_UP ? 'up' : 'down';
      const answerId = action.value ?? '';
      try {
        const tally = await rt.feedback.recordVote(answerId, body.user.id, vote, nowIso(rt));
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `Thanks, your ${vote === 'up' ? '👍' : '👎'} is counted. This answer now has 👍 ${tally.up} · 👎 ${tally.down}.`,
        });
        const message = body.message;
        if (body.container?.is_ephemeral || !message || !body.channel || !Array.isArray(message.blocks)) {
          return;
        }
        await client.chat
          .update({
            channel: body.channel.id,
            ts: message.ts,
            text: message.text ?? 'Briefbot answer',
            blocks: withTally(message.blocks as Block[], answerId, tally),
          })
          .catch((error: unknown) =>
            rt.logger.warn('slack vote counts not shown', { cause: toDeliveryError(error, 'chat.update') }),
          );
      } catch (error) {
        const failure = toDeliveryError(error, 'recording feedback');
        logFailure(rt, 'slack feedback failed', failure, { answerId, user: body.user.id });
        await respondWithFailure(respond, failure, rt.logger);
      }
    },
  );
}

/** The same blocks with the feedback buttons relabelled "👍 3" / "👎 1"; other buttons in that block stay. */
export function withTally(blocks: Block[], answerId: string, tally: { up: number; down: number }): Block[] {
  return blocks.map((block) => {
    if (block.type !== 'actions' || block.block_id !== FEEDBACK_BLOCK_ID) return block;
    const counted = feedbackActions(answerId, [], tally);
    const others = block.elements.filter(
      (e) => !('action_id' in e) || (e.action_id !== FEEDBACK_UP && e.action_id !== FEEDBACK_DOWN),
    );
    return counted.type === 'actions' ? { ...counted, elements: [...counted.elements, ...others] } : block;
  });
}
