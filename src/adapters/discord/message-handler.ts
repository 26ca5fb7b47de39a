/**
 * @module adapters/discord/message-handler
 * Questions in plain messages: mentions and direct messages are answered as replies (a model's
 * partial text shows as a draft reply first); replies to the bot's answers and messages in threads
 * where it has answered continue their conversation, and a thread started from one of its answers
 * continues that answer's conversation.
 */
import type { AnyThreadChannel, Message } from 'discord.js';
import { type ConversationOutcome, HISTORY_TURNS } from '../../core/conversation/converse.js';
import { BriefError } from '../../core/errors.js';
import type { ConversationKey } from '../../core/ports.js';
import { parseButtonId } from './button-ids.js';
import { conversationKeyFor } from './conversation-keys.js';
import type { DiscordRuntime } from './discord-deps.js';
import { isPermissionFailure, logFailure, toBriefError, userLine } from './discord-errors.js';
import { createMessageDraft } from './draft-reply.js';
import { NO_MENTIONS } from './outgoing.js';
import { canPostText, missingPermissionLine, missingPermissions } from './permissions.js';
import { placeOfMessage } from './places.js';
import { renderReply } from './render-reply.js';

interface Trigger {
  key: ConversationKey;
  rootId: string;
  /** The conversation a thread started from one of the bot's answers continues. */
  parentKey?: ConversationKey;
  /** Only turns since then count (ISO): a new direct message. */
  since?: string;
}

/** The root of every direct-message conversation: the DM channel is one conversation. */
const DM_ROOT = 'dm';
/** How far back a new direct message looks for its context, as in Slack DMs. */
export const DM_CONTEXT_MS = 30 * 60 * 1000;

export async function handleMessage(rt: DiscordRuntime, message: Message): Promise<void> {
  if (message.author.bot || message.system || message.webhookId !== null) return;
  const botId = rt.client.user?.id;
  if (botId === undefined) return;
  const trigger = await triggerOf(rt, message, botId);
  if (trigger === null) return;
  const where = {
    guildId: message.guildId,
    channelId: message.channelId,
    userId: message.author.id,
    messageId: message.id,
  };
  const draft = createMessageDraft(message, { clock: rt.deps.clock, logger: rt.deps.logger });
  if (!(await checkPermissions(rt, message, botId, where))) return;
  const outcome = await rt.conversation.converse(
    {
      text: message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' '),
      asker: `discord:${message.author.id}`,
      conversation: trigger.key,
      ...(trigger.parentKey ? { context: { parentKey: trigger.parentKey } } : {}),
      ...(trigger.since ? { context: { since: trigger.since } } : {}),
    },
    {
      working: () => {
        if ('sendTyping' in message.channel) message.channel.sendTyping().catch(() => {});
      },
      progress: draft.progress,
      send: async (reply) => {
        try {
          await draft.finish({ messages: renderReply(reply, trigger.rootId) });
        } catch (caught) {
          throw toBriefError(caught);
        }
      },
      fail: async (error) => {
        logFailure(rt.deps.logger, 'discord message answer failed', error, {
          ...where,
          drafts: draft.drafts(),
        });
        if (await draft.fail(userLine(error))) return;
        await tellAuthor(rt, message, userLine(error), !isPermissionFailure(error));
      },
    },
  );
  if (outcome.ok) logAnswered(rt, trigger.key, outcome);
}

/** One line per answered question, as for `/brief ask`. */
export function logAnswered(
  rt: Pick<DiscordRuntime, 'deps'>,
  conversation: ConversationKey,
  outcome: Extract<ConversationOutcome, { ok: true }>,
): void {
  rt.deps.logger.info('discord answer ready', {
    conversation,
    kind: outcome.reply.kind,
    answerId: outcome.reply.answerId,
    abstained: outcome.reply.answer.abstained,
    citations: outcome.reply.answer.citations.length,
    followUp: outcome.followUp,
  });
}

/** Which conversation a message continues or starts, or null when it is not for the bot. */
async function triggerOf(rt: DiscordRuntime, message: Message, botId: string): Promise<Trigger | null> {
  const place = placeOfMessage(message);
  const mentioned = message.mentions.users.has(botId);
  const direct = !message.inGuild();
  // Without the MessageContent intent, content is empty unless the bot is mentioned or in a DM.
  const readable = message.content.trim() !== '';
  if (place.threadParentId !== null) {
    const key = conversationKeyFor(place, place.channelId);
    const followUp = readable && (await rt.deps.conversations.hasConversation(key));
    if (!mentioned && !followUp) return null;
    const parentKey = await parentOfThread(rt, message, key, botId);
    return { key, rootId: place.channelId, ...(parentKey === null ? {} : { parentKey }) };
  }
  if (!mentioned && !direct && !readable) return null;
  const answered = await botMessageRepliedTo(message, botId);
  if (answered !== null) {
    const rootId = await rootOf(answered, botId);
    return { key: conversationKeyFor(place, rootId), rootId };
  }
  // A direct message channel is one conversation, as in Slack: a new message there leans on the turns
  // of the last half hour (a reply to an answer continues it whatever its age).
  if (direct) {
    const since = new Date(rt.deps.clock.now().getTime() - DM_CONTEXT_MS).toISOString();
    return { key: conversationKeyFor(place, DM_ROOT), rootId: DM_ROOT, since };
  }
  return mentioned ? { key: conversationKeyFor(place, message.id), rootId: message.id } : null;
}

async function botMessageRepliedTo(message: Message, botId: string): Promise<Message | null> {
  if (!message.reference?.messageId) return null;
  if (message.mentions.repliedUser && message.mentions.repliedUser.id !== botId) return null;
  try {
    const referenced = await message.fetchReference();
    return referenced.author.id === botId ? referenced : null;
  } catch {
    return null;
  }
}

/**
 * The conversation a thread continues when it was started from one of the bot's answers: a thread has
 * the id of the message it was started from, so its starter is that answer, whose conversation root
 * `rootOf` finds. Looked up only while the thread's own turns leave room in the history; null when
 * the thread has no such starter (or it cannot be read: the thread then starts afresh).
 */
async function parentOfThread(
  rt: DiscordRuntime,
  message: Message,
  key: ConversationKey,
  botId: string,
): Promise<ConversationKey | null> {
  if (!message.channel.isThread()) return null;
  if ((await rt.deps.conversations.recentTurns(key, HISTORY_TURNS)).length >= HISTORY_TURNS) return null;
  const starter = await starterOf(message.channel);
  if (starter === null || starter.author.id !== botId) return null;
  const parentKey = conversationKeyFor(placeOfMessage(starter), await rootOf(starter, botId));
  // A digest's thread already is its conversation (see digest-sink); so is a forum post's.
  return parentKey === key ? null : parentKey;
}

async function starterOf(thread: AnyThreadChannel): Promise<Message | null> {
  try {
    return await thread.fetchStarterMessage();
  } catch {
    return null; // deleted, or not readable for the bot
  }
}

/** How many earlier questions `rootOf` follows back before it takes the last one as the root. */
const MAX_ROOT_HOPS = 10;

/**
 * The conversation root a bot message belongs to, the same one its question was answered in: carried
 * by the vote buttons (last message of an answer) or the slash command (its interaction id); else
 * each message of an answer replies to its question, which is the root unless it replied to an
 * earlier answer in turn. A message that replies to nothing (a digest) is a root itself.
 */
async function rootOf(answer: Message, botId: string, hops = 0): Promise<string> {
  const fromButtons = voteRootOf(answer);
  if (fromButtons !== null) return fromButtons;
  if (answer.interactionMetadata) return answer.interactionMetadata.id;
  const questionId = answer.reference?.messageId;
  if (!questionId) return answer.id;
  if (hops >= MAX_ROOT_HOPS) return questionId;
  const question = await answer.fetchReference().catch(() => null);
  if (question === null) return questionId; // deleted: the conversation restarts from here
  const earlier = await botMessageRepliedTo(question, botId);
  return earlier === null ? question.id : rootOf(earlier, botId, hops + 1);
}

function voteRootOf(answer: Message): string | null {
  for (const row of answer.components) {
    if (!('components' in row)) continue;
    for (const component of row.components) {
      const action = 'customId' in component && component.customId ? parseButtonId(component.customId) : null;
      if (action?.kind === 'vote') return action.rootId;
    }
  }
  return null;
}

/** False (after telling the person and logging) when the bot cannot post its answer here. */
async function checkPermissions(
  rt: DiscordRuntime,
  message: Message,
  botId: string,
  where: Record<string, unknown>,
): Promise<boolean> {
  if (!message.inGuild()) return true;
  const granted = message.channel.permissionsFor(botId);
  if (granted === null) return true; // not cached: the REST reply reports any refusal instead
  const inThread = message.channel.isThread();
  const missing = missingPermissions(granted, { inThread, asReply: true });
  if (missing.length === 0) return true;
  rt.deps.logger.warn('discord missing permissions', { code: 'delivery', missing, ...where });
  const line = missingPermissionLine(missing);
  if (canPostText(granted, inThread)) {
    await message.channel.send({ content: line, allowedMentions: NO_MENTIONS }).catch((e: unknown) => {
      logFailure(rt.deps.logger, 'discord could not explain missing permissions', toBriefError(e), where);
    });
  } else {
    await tellAuthor(rt, message, line, false);
  }
  return false;
}

/** Tells the author one line: as a reply when `inChannel`, else (or if that fails) by direct message. */
async function tellAuthor(
  rt: DiscordRuntime,
  message: Message,
  line: string,
  inChannel: boolean,
): Promise<void> {
  const where = { channelId: message.channelId, userId: message.author.id };
  if (inChannel) {
    try {
      await message.reply({ content: line, allowedMentions: NO_MENTIONS });
      return;
    } catch (caught) {
      logFailure(rt.deps.logger, 'discord could not reply', toBriefError(caught), where);
    }
  }
  const place = message.inGuild() ? `your message in <#${message.channelId}>` : 'your message';
  try {
    await message.author.send({ content: `About ${place}: ${line}`, allowedMentions: NO_MENTIONS });
  } catch (caught) {
    const error = caught instanceof BriefError ? caught : toBriefError(caught);
    logFailure(rt.deps.logger, 'discord could not reach the user by direct message either', error, where);
  }
}
