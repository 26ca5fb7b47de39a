/**
 * @module adapters/slack/render-briefing
 * A chat briefing as Block Kit, like a compact digest: its opening line, a line per story (linked
 * headline, one or two cited sentences, outlets and date), the numbered sources, and 👍/👎. All
 * article text is escaped; long briefings page into several messages (blocks.ts keeps Slack's limits).
 */
import type { Citation } from '../../core/article.js';
import {
  type BriefedStory,
  type ConversationReply,
  outletsLine,
  shownDate,
} from '../../core/conversation/reply.js';
import { type Block, context, divider, type SlackReply, sections } from './blocks.js';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';
import { feedbackActions } from './render-answer.js';
import { formatPublished } from './render-source-line.js';

export function renderBriefing(reply: ConversationReply): SlackReply {
  const { answer, stories } = reply;
  const lead = escapeMrkdwn(answer.sentences[0]?.text ?? '');
  const blocks: Block[] = [...sections(`:newspaper: *${lead}*`)];
  stories.forEach((story, i) => {
    blocks.push(...sections(storyLine(story, i + 1, answer.citations)), context(storyContext(story)));
  });
  const more = /\((\d+ more)[^)]*\)$/.exec(answer.answer);
  if (more) blocks.push(context(`${more[1]}: ask “what else?”`));
  if (answer.citations.length > 0) {
    blocks.push(divider(), ...sections(`*Sources*\n${answer.citations.map(sourceLine).join('\n')}`));
  }
  if (reply.answerId) blocks.push(feedbackActions(reply.answerId));
  const headlines = stories.map((s) => escapeMrkdwn(s.headline)).join(' · ');
  return { blocks, text: headlines ? `${lead} ${headlines}` : escapeMrkdwn(answer.answer) };
}

function storyLine(story: BriefedStory, position: number, citations: Citation[]): string {
  const first = citations.find(
    (c) => story.sentences[0]?.citations.includes(c.n) && c.title === story.headline,
  );
  const said = story.sentences
    .map((s) => `${escapeMrkdwn(s.text)} ${s.citations.map((n) => `[${n}]`).join('')}`)
    .join(' ');
  return `*${position}. ${mrkdwnLink(first?.url ?? null, story.headline)}*\n${said}`;
}

function storyContext(story: BriefedStory): string {
  const date = story.publishedAt ? formatPublished(story.publishedAt) : shownDate(null);
  const disagreement = story.disagreement ? ` · :warning: ${escapeMrkdwn(story.disagreement)}` : '';
  return `${escapeMrkdwn(outletsLine(story))} · ${date}${disagreement}`;
}

function sourceLine(c: Citation): string {
  const outlet = c.source ? escapeMrkdwn(c.source) : 'outlet not named';
  return `*[${c.n}]* ${mrkdwnLink(c.url, c.title)} · _${outlet} · ${formatPublished(c.publishedAt)}_`;
}
