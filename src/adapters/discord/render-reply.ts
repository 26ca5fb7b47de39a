/**
 * @module adapters/discord/render-reply
 * Any conversation reply as Discord messages: a briefing like a compact digest (a line per story with
 * its cited sentences, outlets and date; then the numbered sources), answers and coverage as answers,
 * small talk and clarifying questions as plain text. Within Discord's limits (discord-limits.ts).
 */
import type { APIEmbed } from 'discord.js';
import { type BriefedStory, type ConversationReply, outletsLine } from '../../core/conversation/reply.js';
import { LIMITS, packEmbeds, splitText, truncate } from './discord-limits.js';
import { renderAnswer, sourceEmbeds, voteRow } from './render-answer.js';
import { COLOURS, formatDate, linkedTitle, plain } from './render-parts.js';
import type { OutgoingMessage } from './subcommand.js';

export function renderReply(reply: ConversationReply, rootId: string): OutgoingMessage[] {
  if (reply.kind === 'briefing' && reply.stories.length > 0) return renderBriefing(reply, rootId);
  if (reply.answerId === null)
    return splitText(plain(reply.answer.answer), LIMITS.content).map((content) => ({ content }));
  return renderAnswer(reply.answer, { answerId: reply.answerId, rootId });
}

function renderBriefing(reply: ConversationReply, rootId: string): OutgoingMessage[] {
  const { answer } = reply;
  const color = reply.stories.some((s) => s.disagreement) ? COLOURS.disagreement : COLOURS.answer;
  const text = reply.stories.map((story, i) => storyLines(story, i + 1, reply)).join('\n\n');
  const more = /\((\d+ more)[^)]*\)$/.exec(answer.answer);
  const pieces = splitText(
    `${text}${more ? `\n\n*${more[1]}: ask “what else?”*` : ''}`,
    LIMITS.embedDescription,
  );
  const embeds: APIEmbed[] = pieces.map((description, i) => ({
    color,
    ...(i === 0
      ? { title: truncate(`📰 ${plain(answer.sentences[0]?.text ?? '')}`, LIMITS.embedTitle) }
      : {}),
    description,
  }));
  const messages: OutgoingMessage[] = packEmbeds([...embeds, ...sourceEmbeds(answer)]).map((group) => ({
    embeds: group,
  }));
  const last = messages.at(-1);
  if (last && reply.answerId !== null) last.components = [voteRow(reply.answerId, rootId)];
  return messages;
}

function storyLines(story: BriefedStory, position: number, reply: ConversationReply): string {
  const url = reply.answer.citations.find((c) => c.title === story.headline && c.url)?.url ?? null;
  const said = story.sentences
    .map((s) => `${plain(s.text)} ${s.citations.map((n) => `[${n}]`).join('')}`)
    .join(' ');
  const about = `${plain(outletsLine(story))} · ${formatDate(story.publishedAt)}`;
  const disagreement = story.disagreement ? `\n⚠️ ${plain(story.disagreement)}` : '';
  return `**${position}.** ${linkedTitle(story.headline, url)}\n${said}\n*${about}*${disagreement}`;
}
