/**
 * @module adapters/slack/render-answer
 * An Answer as Block Kit: the text with its [n] markers, a numbered Sources section (linked title,
 * outlet, date, quoted words) and 👍/👎 buttons. An abstention is visibly different from an answer.
 */
import type { Answer } from '../../core/answer.js';
import type { Citation } from '../../core/article.js';
import {
  actions,
  type Block,
  type ButtonElement,
  button,
  context,
  divider,
  type SlackReply,
  sections,
} from './blocks.js';
import { blockquote, escapeMrkdwn } from './mrkdwn.js';
import { sourceLine } from './render-source-line.js';
import { splitText } from './split-text.js';

export const FEEDBACK_BLOCK_ID = 'brief_feedback';
export const FEEDBACK_UP = 'brief_feedback_up';
export const FEEDBACK_DOWN = 'brief_feedback_down';
export const ABSTAIN_MARK = ':grey_question:';

export interface AnswerRenderOptions {
  /** The FeedbackStore id of this answer, carried by the 👍/👎 buttons. */
  answerId: string;
  /** Shown above the answer when the question is not visible next to it (slash commands). */
  question?: string;
}

export function renderAnswer(answer: Answer, options: AnswerRenderOptions): SlackReply {
  const text = escapeMrkdwn(answer.answer);
  const blocks: Block[] = options.question
    ? [context(`:speech_balloon: “${escapeMrkdwn(options.question)}”`)]
    : [];
  if (answer.abstained) {
    blocks.push(
      ...sections(`${ABSTAIN_MARK} *I couldn't find a grounded answer in the articles I have.*`),
      ...quoted(text),
    );
  } else {
    blocks.push(...sections(text));
  }
  if (answer.disagreement) blocks.push(context(':scales: The sources disagree on this; each side is cited.'));
  if (answer.note) blocks.push(context(escapeMrkdwn(answer.note)));
  if (answer.citations.length > 0) {
    blocks.push(divider(), ...sections(answer.abstained ? '*Closest sources*' : '*Sources*'));
    for (const citation of answer.citations) blocks.push(...citationBlocks(citation));
  }
  blocks.push(feedbackActions(options.answerId));
  const fallback = answer.abstained ? `I couldn't find a grounded answer. ${text}` : text;
  return { blocks, text: fallback };
}

export function feedbackActions(
  answerId: string,
  extra: ButtonElement[] = [],
  tally?: { up: number; down: number },
): Block {
  const label = (emoji: string, count: number | undefined) => (count ? `${emoji} ${count}` : emoji);
  return actions(FEEDBACK_BLOCK_ID, [
    button(FEEDBACK_UP, label('👍', tally?.up), answerId),
    button(FEEDBACK_DOWN, label('👎', tally?.down), answerId),
    ...extra,
  ]);
}

function citationBlocks(citation: Citation): Block[] {
  const head = `*[${citation.n}]* ${sourceLine(citation)}`;
  const quote = escapeMrkdwn(citation.quote.trim());
  if (quote === '') return sections(head);
  // The quote is split on its own so every piece keeps its "> " prefix.
  const pieces = splitText(quote, 2800);
  const [first = '', ...rest] = pieces;
  return [
    ...sections(`${head}\n${blockquote(first)}`),
    ...rest.flatMap((piece) => sections(blockquote(piece))),
  ];
}

function quoted(escaped: string): Block[] {
  return escaped === '' ? [] : splitText(escaped, 2800).flatMap((piece) => sections(blockquote(piece)));
}
