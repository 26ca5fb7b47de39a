/**
 * @module adapters/discord/button-ids
 * The custom ids of the bot's buttons. A vote button carries the answer id (for the FeedbackStore)
 * and the conversation root (so a reply to the answer continues the same conversation); a Share button
 * on a reply of several messages says which part it shares.
 */
import type { Vote } from '../../core/ports.js';

const PREFIX = 'brief';
export const SHARE_BUTTON_ID = `${PREFIX}:share`;

/** Which message of a reply of several a Share button is on (1-based). */
export interface SharePart {
  index: number;
  of: number;
}

export type ButtonAction =
  | { kind: 'vote'; vote: Vote; answerId: string; rootId: string }
  | { kind: 'share'; part: SharePart | null };

export function voteButtonId(vote: Vote, answerId: string, rootId: string): string {
  return `${PREFIX}:vote:${vote}:${answerId}:${rootId}`;
}

/** The Share button's id; `part` when the reply it shares is one of several messages. */
export function shareButtonId(part: SharePart | null = null): string {
  return part === null ? SHARE_BUTTON_ID : `${SHARE_BUTTON_ID}:${part.index}:${part.of}`;
}

/** Reads a custom id back; null for ids this bot did not make. */
export function parseButtonId(customId: string): ButtonAction | null {
  if (customId === SHARE_BUTTON_ID) return { kind: 'share', part: null };
  const [prefix, kind, a, b, c] = customId.split(':');
  if (prefix !== PREFIX) return null;
  if (kind === 'share') {
    const index = Number(a);
    const of = Number(b);
    if (!Number.isInteger(index) || !Number.isInteger(of) || index < 1 || index > of) return null;
    return { kind: 'share', part: { index, of } };
  }
  if (kind !== 'vote' || (a !== 'up' && a !== 'down')) return null;
  if (!b || !c) return null;
  return { kind: 'vote', vote: a, answerId: b, rootId: c };
}
