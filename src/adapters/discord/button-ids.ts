/**
 * @module adapters/discord/button-ids
 * The custom ids of the bot's buttons. A vote button carries the answer id (for the FeedbackStore)
 * and the conversation root (so a reply to the answer continues the same conversation).
 */
import type { Vote } from '../../core/ports.js';

const PREFIX = 'brief';
export const SHARE_BUTTON_ID = `${PREFIX}:share`;

export type ButtonAction = { kind: 'vote'; vote: Vote; answerId: string; rootId: string } | { kind: 'share' };

export function voteButtonId(vote: Vote, answerId: string, rootId: string): string {
  return `${PREFIX}:vote:${vote}:${answerId}:${rootId}`;
}

/** Reads a custom id back; null for ids this bot did not make. */
export function parseButtonId(customId: string): ButtonAction | null {
  if (customId === SHARE_BUTTON_ID) return { kind: 'share' };
  const [prefix, kind, vote, answerId, rootId] = customId.split(':');
  if (prefix !== PREFIX || kind !== 'vote' || (vote !== 'up' && vote !== 'down')) return null;
  if (!answerId || !rootId) return null;
  return { kind: 'vote', vote, answerId, rootId };
}
