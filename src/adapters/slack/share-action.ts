/**
 * @module adapters/slack/share-action
 * The "Share in channel" button under private lookups: posts exactly what the person saw into the
 * channel (through the response URL, so the bot need not be a member) and removes the private copy.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { actions, type Block, button, context, type SlackReply, toMessages } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { respondWithFailure, toDeliveryError } from './slack-errors.js';
import { logFailure, type SlackRuntime } from './slack-runtime.js';

export const SHARE_ACTION = 'brief_share';
const MAX_BUTTONS_PER_ACTIONS_BLOCK = 25;

/** Adds the share button to the reply's closing actions block, or a new actions block if there is none. */
export function withShareButton(reply: SlackReply, shareId: string): SlackReply {
  const share = button(SHARE_ACTION, 'Share in channel', shareId, 'primary');
  const last = reply.blocks.at(-1);
  if (last?.type === 'actions' && last.elements.length < MAX_BUTTONS_PER_ACTIONS_BLOCK) {
    const merged: Block = { ...last, elements: [...last.elements, share] };
    return { ...reply, blocks: [...reply.blocks.slice(0, -1), merged] };
  }
  return { ...reply, blocks: [...reply.blocks, actions('brief_share', [share])] };
}

export function registerShareAction(app: App, rt: SlackRuntime): void {
  app.action<BlockButtonAction>(SHARE_ACTION, async ({ ack, action, body, respond }) => {
    await ack();
    const shared = await rt.shares.get(action.value ?? '').catch((error: unknown) => {
      rt.logger.error('slack share cache unavailable', { cause: error });
      return undefined;
    });
    if (!shared) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That result is no longer available to share (it is over 30 minutes old, or I restarted). Please run the command again.',
      }).catch((error: unknown) => rt.logger.warn('slack share expiry not reported', { cause: error }));
      return;
    }
    const sharer = escapeMrkdwn(body.user.name ?? body.user.username ?? 'someone');
    try {
      for (const message of toMessages({
        ...shared,
        blocks: [context(`Shared by ${sharer}`), ...shared.blocks],
      })) {
        await respond({
          response_type: 'in_channel',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
      }
      await rt.shares
        .delete(action.value ?? '')
        .catch((error: unknown) => rt.logger.warn('slack share not forgotten', { cause: error }));
      await respond({ delete_original: true }).catch((error: unknown) =>
        rt.logger.warn('slack private copy not deleted', {
          cause: toDeliveryError(error, 'delete_original'),
        }),
      );
    } catch (error) {
      const failure = toDeliveryError(error, 'sharing');
      logFailure(rt, 'slack share failed', failure, { user: body.user.id });
      await respondWithFailure(respond, failure, rt.logger);
    }
  });
}
