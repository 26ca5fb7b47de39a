/**
 * @module adapters/slack/blocks
 * Block Kit building blocks and Slack's limits: sections that never exceed 3,000 characters, and
 * messages that never exceed 50 blocks or 10,000 characters of block text. Renderers build a flat list
 * of blocks; `toMessages` pages it.
 */
import type { types } from '@slack/bolt';
import { escapeMrkdwn } from './mrkdwn.js';
import { splitText } from './split-text.js';

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;

/** One Slack message: at most 50 blocks plus the fallback text used by notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * What a renderer produces: any number of blocks and one fallback text (escaped mrkdwn). It becomes one
 * or more messages only when sent (`toMessages`), so callers can still add blocks or buttons.
 */
export interface SlackReply {
  blocks: Block[];
  text: string;
}

export const SECTION_TEXT_LIMIT = 3000;
export const BLOCKS_PER_MESSAGE = 50;
/**
 * Block text per message. chat.postMessage refuses a message whose blocks hold more than about 12,000
 * characters in all (`msg_blocks_too_long`; undocumented, seen refused at 11,341: bolt-js #2509, #2867),
 * though each section may hold 3,000: a digest of well-sourced stories passes it.
 */
export const MESSAGE_TEXT_LIMIT = 10_000;
/** Slack accepts far longer fallback text, but notifications show only the start; keep it readable. */
export const FALLBACK_TEXT_LIMIT = 3000;
export const CONTEXT_TEXT_LIMIT = 2000;

/** Sections for already-escaped mrkdwn, split so each holds at most 3,000 characters. */
export function sections(mrkdwn: string): Block[] {
  return splitText(mrkdwn, SECTION_TEXT_LIMIT).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
}

/** A small grey line (already-escaped mrkdwn). */
export function context(mrkdwn: string): Block {
  const [first = ''] = splitText(mrkdwn, CONTEXT_TEXT_LIMIT);
  return { type: 'context', elements: [{ type: 'mrkdwn', text: first }] };
}

export function divider(): Block {
  return { type: 'divider' };
}

export function button(
  actionId: string,
  label: string,
  value: string,
  style?: 'primary' | 'danger',
): ButtonElement {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label, emoji: true },
    value,
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: ButtonElement[]): Block {
  return { type: 'actions', block_id: blockId, elements };
}

/** Cuts a fallback text to a readable length on a word boundary. */
export function fallbackText(escaped: string): string {
  const [first = ''] = splitText(escaped, FALLBACK_TEXT_LIMIT - 1);
  return first.length < escaped.trim().length ? `${first}…` : first;
}

/**
 * Pages blocks into messages of at most 50 blocks and 10,000 characters of block text. A trailing
 * actions block stays with the block before it, so buttons never arrive alone. Each message gets the
 * fallback text of its own first section.
 */
export function toMessages({ blocks, text: fallback }: SlackReply): SlackMessage[] {
  const pages: Block[][] = [];
  let page: Block[] = [];
  let pageText = 0;
  blocks.forEach((block, i) => {
    const keepWithNext = blocks[i + 1]?.type === 'actions' && i + 2 === blocks.length;
    const next = blocks[i + 1];
    const room = keepWithNext ? BLOCKS_PER_MESSAGE - 1 : BLOCKS_PER_MESSAGE;
    const size = textLength(block) + (keepWithNext && next ? textLength(next) : 0);
    if (page.length > 0 && (page.length >= room || pageText + size > MESSAGE_TEXT_LIMIT)) {
      pages.push(page);
      page = [];
      pageText = 0;
    }
    page.push(block);
    pageText += textLength(block);
  });
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages.map((blocksOfPage, index) => ({
    text: index === 0 ? fallbackText(fallback) : fallbackText(firstText(blocksOfPage) ?? fallback),
    blocks: blocksOfPage,
  }));
}

/** Characters of every `text` string in a block (section and context text, button labels...). */
function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, item) => n + textLength(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  for (const [key, inner] of Object.entries(value)) {
    n += key === 'text' && typeof inner === 'string' ? inner.length : textLength(inner);
  }
  return n;
}

function firstText(blocks: Block[]): string | undefined {
  for (const block of blocks) if (block.type === 'section' && block.text) return block.text.text;
  return undefined;
}

/** A reply of plain text (escaped here), for short answers such as errors and confirmations. */
export function plainReply(text: string): SlackReply {
  const escaped = escapeMrkdwn(text);
  return { text: escaped, blocks: sections(escaped) };
}

/** A reply of trusted mrkdwn written by us (emoji codes, formatting); never pass article or user text here. */
export function mrkdwnReply(mrkdwn: string): SlackReply {
  return { text: mrkdwn, blocks: sections(mrkdwn) };
}
