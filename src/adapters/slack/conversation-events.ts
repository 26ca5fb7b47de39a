/**
 * @module adapters/slack/conversation-events
 * Which Slack messages are questions: mentions in channels, DMs, and replies in threads the bot has
 * answered in. Bots (this one included) are ignored; one message is answered once, however often it arrives.
 */
import type { App } from '@slack/bolt';
import { answerConversation, type ConversationQuestion } from './answer-conversation.js';
import { mentionsBot, mentionsSomeoneElse, toPlainText } from './mrkdwn.js';
import type { WebClient } from './post-messages.js';
import { conversationKey, type SlackRuntime } from './slack-runtime.js';

/** Message subtypes that are still a person writing (everything else is an edit, a join, a bot…). */
const PERSON_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

/**
 * A new DM question leans on the DM's earlier turns only if they are this recent: a DM is one long
 * conversation, and last week's question is no context for today's.
 */
export const DM_CONTEXT_MS = 30 * 60 * 1000;

/** The fields of `app_mention` and `message` events this module reads. */
interface IncomingMessage {
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  /** Set on an `app_mention` re-sent because its message was edited. */
  edited?: unknown;
}

export function registerConversationEvents(app: App, rt: SlackRuntime): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    const teamId = body.team_id ?? context.teamId ?? '';
    const threadTs = event.thread_ts ?? event.ts;
    const key =
      (await threadKey(rt, teamId, event.channel, threadTs)) ??
      conversationKey(teamId, event.channel, threadTs);
    await handle(rt, client, event, teamId, threadTs, key, context.botUserId);
  });

  app.event('message', async ({ event, body, context, client }) => {
    const message = event as IncomingMessage;
    const teamId = body.team_id ?? context.teamId ?? '';
    const text = message.text ?? '';
    if (message.channel_type === 'im') {
      const dm = conversationKey(teamId, message.channel, 'dm');
      const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
      const key = inThread ? conversationKey(teamId, message.channel, message.thread_ts ?? '') : dm;
      const earlier = inThread
        ? { parentKey: dm }
        : { since: new Date(rt.clock.now().getTime() - DM_CONTEXT_MS).toISOString() };
      await handle(rt, client, message, teamId, message.thread_ts, key, context.botUserId, earlier);
      return;
    }
    // In channels a message needs a mention (app_mention) unless it continues a thread the bot answered in.
    if (!message.thread_ts || message.thread_ts === message.ts) return;
    const key = await threadKey(rt, teamId, message.channel, message.thread_ts);
    if (!key) return;
    if (mentionsSomeoneElse(text, context.botUserId) && !mentionsBot(text, context.botUserId)) {
      rt.logger.debug('slack event skipped', {
        reason: 'addressed to someone else',
        channel: message.channel,
        ts: message.ts,
      });
      return;
    }
    await handle(rt, client, message, teamId, message.thread_ts, key, context.botUserId);
  });
}

/**
 * The stored conversation of a channel thread the bot has spoken in, or null. Digests from
 * DIGEST_CHANNELS are posted without knowing the workspace, so their threads are stored without it.
 */
async function threadKey(
  rt: SlackRuntime,
  teamId: string,
  channel: string,
  threadTs: string,
): Promise<string | null> {
  for (const key of [conversationKey(teamId, channel, threadTs), conversationKey('', channel, threadTs)]) {
    if (await rt.conversations.hasConversation(key)) return key;
  }
  return null;
}

async function handle(
  rt: SlackRuntime,
  client: WebClient,
  message: IncomingMessage,
  teamId: string,
  threadTs: string | undefined,
  key: string,
  botUserId: string | undefined,
  context?: ConversationQuestion['context'],
): Promise<void> {
  if (
    !PERSON_SUBTYPES.has(message.subtype) ||
    message.bot_id ||
    !message.user ||
    message.user === botUserId
  ) {
    rt.logger.debug('slack event skipped', {
      reason: 'not a person',
      channel: message.channel,
      ts: message.ts,
    });
    return;
  }
  // Editing a message that mentions the bot re-sends `app_mention`: the question was answered already.
  if (message.edited) {
    rt.logger.debug('slack event skipped', { reason: 'edited', channel: message.channel, ts: message.ts });
    return;
  }
  // One mention arrives as both `app_mention` and `message`; whichever comes first is answered.
  if (!(await rt.deduper.firstTime(`message:${message.channel}:${message.ts}`))) {
    rt.logger.debug('slack event skipped', { reason: 'duplicate', channel: message.channel, ts: message.ts });
    return;
  }
  await answerConversation(rt, client, {
    teamId,
    userId: message.user,
    channel: message.channel,
    ts: message.ts,
    threadTs,
    conversationKey: key,
    ...(context ? { context } : {}),
    text: toPlainText(message.text ?? '', botUserId),
  });
}
