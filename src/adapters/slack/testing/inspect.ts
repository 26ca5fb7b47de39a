/**
 * @module adapters/slack/testing/inspect
 * Reading what the adapter sent: all text of a message (fallback plus blocks) and its buttons.
 */
import type { ApiCall, ResponseUrlPost } from './fake-slack-server.js';

type Sent = ApiCall['args'] | ResponseUrlPost['body'];

/** The fallback text and every text inside the blocks, as one string. */
export function allText(sent: Sent): string {
  return `${String(sent.text ?? '')}\n${JSON.stringify(sent.blocks ?? [])}`;
}

export interface SentButton {
  action_id: string;
  value: string;
  text: string;
}

export function buttons(sent: Sent): SentButton[] {
  const blocks = (sent.blocks ?? []) as {
    type: string;
    elements?: { type: string; action_id: string; value: string; text: { text: string } }[];
  }[];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === 'button')
    .map((e) => ({ action_id: e.action_id, value: e.value, text: e.text.text }));
}
