/**
 * @module adapters/slack/render-draft
 * The draft shown while a language model writes: its partial text, escaped, under a line saying it is
 * unchecked. It has no sources; the verified answer replaces it.
 */
import { context, FALLBACK_TEXT_LIMIT, type SlackMessage, sections } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { splitText } from './split-text.js';

export const DRAFT_MARK = '✍️';
/** One section's worth: a draft is one short message, whatever the model writes. */
const DRAFT_TEXT_LIMIT = 2_900;

export function renderDraft(partialText: string): SlackMessage {
  const escaped = escapeMrkdwn(partialText.replace(/\s+/g, ' ').trim());
  const [shown = ''] = splitText(escaped, DRAFT_TEXT_LIMIT);
  const body = `${shown} …`;
  const [fallback = ''] = splitText(`${DRAFT_MARK} ${body}`, FALLBACK_TEXT_LIMIT);
  return {
    text: fallback,
    blocks: [
      context(`${DRAFT_MARK} _Draft, still being written and not yet checked against the articles._`),
      ...sections(body),
    ],
  };
}
