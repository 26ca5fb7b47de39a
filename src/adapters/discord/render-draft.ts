/**
 * @module adapters/discord/render-draft
 * The draft shown while a language model writes: its partial text, markdown escaped, under a line
 * saying it is unchecked. Text only, no sources; the verified answer replaces it.
 */
import { LIMITS, truncate } from './discord-limits.js';
import { plain } from './render-parts.js';
import type { OutgoingMessage } from './subcommand.js';

export const DRAFT_MARK = '✍️';
const DRAFT_HEADING = `${DRAFT_MARK} *Draft, still being written and not yet checked against the articles.*`;

export function renderDraft(partialText: string): OutgoingMessage {
  const room = LIMITS.content - DRAFT_HEADING.length - 3;
  return { content: `${DRAFT_HEADING}\n${truncate(plain(partialText), room)} …` };
}
