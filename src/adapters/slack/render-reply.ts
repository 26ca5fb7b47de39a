/**
 * @module adapters/slack/render-reply
 * Any conversation reply as Block Kit: a briefing as a compact digest, an answer or a coverage list
 * with its numbered sources and 👍/👎, small talk and clarifying questions as plain text.
 */
import type { ConversationReply } from '../../core/conversation/reply.js';
import { plainReply, type SlackReply } from './blocks.js';
import { renderAnswer } from './render-answer.js';
import { renderBriefing } from './render-briefing.js';

export function renderReply(reply: ConversationReply, question?: string): SlackReply {
  if (reply.kind === 'briefing' && reply.stories.length > 0) return renderBriefing(reply);
  if (reply.answerId === null) return plainReply(reply.answer.answer);
  return renderAnswer(reply.answer, { answerId: reply.answerId, ...(question ? { question } : {}) });
}
