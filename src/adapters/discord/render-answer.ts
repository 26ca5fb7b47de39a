/**
 * @module adapters/discord/render-answer
 * An Answer as Discord messages: the text with its [n] markers, numbered sources with linked titles,
 * outlets, dates and quoted words, and 👍/👎 buttons; an abstention looks different. Split to fit.
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Answer } from '../../core/answer.js';
import type { Citation } from '../../core/article.js';
import { voteButtonId } from './button-ids.js';
import { embedLength, LIMITS, packEmbeds, splitText, truncate } from './discord-limits.js';
import { COLOURS, formatDate, linkedTitle, outletName, plain, quoteLine } from './render-parts.js';
import type { OutgoingMessage } from './subcommand.js';

export interface AnswerRenderOptions {
  /** The FeedbackStore id; without it no vote buttons are shown. */
  answerId: string | null;
  /** The conversation root the vote buttons carry (see button-ids). */
  rootId: string;
}

export function renderAnswer(answer: Answer, options: AnswerRenderOptions): OutgoingMessage[] {
  const embeds = [...answerEmbeds(answer), ...sourceEmbeds(answer)];
  const messages: OutgoingMessage[] = packEmbeds(embeds).map((group) => ({ embeds: group }));
  const last = messages.at(-1);
  if (last && options.answerId !== null) last.components = [voteRow(options.answerId, options.rootId)];
  return messages;
}

function answerEmbeds(answer: Answer): APIEmbed[] {
  const colour = answer.abstained
    ? COLOURS.abstention
    : answer.disagreement
      ? COLOURS.disagreement
      : COLOURS.answer;
  const title = answer.abstained
    ? 'Not in the articles I have read'
    : truncate(plain(answer.question), LIMITS.embedTitle);
  const lead =
    answer.disagreement && !answer.abstained ? '⚠️ **The sources disagree**; each side is cited.\n\n' : '';
  const pieces = splitText(`${lead}${plain(answer.answer) || '…'}`, LIMITS.embedDescription);
  const footer = footerText(answer);
  return pieces.map((description, i) => ({
    color: colour,
    ...(i === 0 ? { title } : {}),
    description,
    ...(i === pieces.length - 1 ? { footer: { text: footer } } : {}),
  }));
}

function footerText(answer: Answer): string {
  const parts: string[] = [];
  if (answer.note) parts.push(answer.note);
  if (answer.abstained) parts.push('No answer is better than a guess: try other words or /brief search.');
  else parts.push(`${answer.citations.length} quoted source${answer.citations.length === 1 ? '' : 's'}`);
  if (answer.mode === 'llm') parts.push('written by a language model, checked against the quotes');
  return truncate(parts.join(' · '), LIMITS.footerText);
}

/** Numbered source fields, 25 per embed at most and never more than one message's worth of text. */
export function sourceEmbeds(answer: Answer): APIEmbed[] {
  if (answer.citations.length === 0) return [];
  const heading = answer.abstained ? 'Closest sources' : 'Sources';
  const embeds: APIEmbed[] = [];
  let current: APIEmbed | null = null;
  for (const citation of answer.citations) {
    const field = citationField(citation);
    const fieldLength = field.name.length + field.value.length;
    const fields: APIEmbedField[] = current?.fields ?? [];
    if (
      current === null ||
      fields.length >= LIMITS.embedFields ||
      embedLength(current) + fieldLength > LIMITS.embedsTotal
    ) {
      current = {
        color: COLOURS.lookup,
        title: embeds.length === 0 ? heading : `${heading} (continued)`,
        fields: [],
      };
      embeds.push(current);
    }
    current.fields?.push(field);
  }
  return embeds;
}

export function citationField(citation: Citation): APIEmbedField {
  const name = truncate(
    `[${citation.n}] ${outletName(citation.source)} · ${formatDate(citation.publishedAt)}`,
    LIMITS.fieldName,
  );
  const link = linkedTitle(citation.title, citation.url);
  return { name, value: `${link}\n${quoteLine(citation.quote, LIMITS.fieldValue - link.length - 1)}` };
}

export function voteRow(
  answerId: string,
  rootId: string,
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        emoji: { name: '👍' },
        label: 'Helpful',
        custom_id: voteButtonId('up', answerId, rootId),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        emoji: { name: '👎' },
        label: 'Not helpful',
        custom_id: voteButtonId('down', answerId, rootId),
      },
    ],
  };
}
