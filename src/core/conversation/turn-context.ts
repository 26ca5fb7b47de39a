/**
 * @module core/conversation/turn-context
 * The context a conversation turn is stored with (its subject and the people and organisations its
 * answer named), and how a store reads it back: stored JSON is checked, and a turn without a usable
 * context (older rows, digest turns) gets one derived from its text.
 */
import { z } from 'zod';
import type { ConversationTurn, TurnContext } from '../answer.js';

const turnContextSchema = z.object({
  kind: z.enum(['answer', 'briefing', 'coverage', 'chat', 'clarify']),
  subject: z.string().nullable(),
  people: z.array(z.object({ name: z.string(), gender: z.enum(['male', 'female']).nullable() })),
  organisations: z.array(z.string()),
  briefing: z
    .object({ topic: z.string().nullable(), days: z.number(), shown: z.array(z.string()) })
    .optional(),
});

/** The stored JSON of a turn's context, or null when it is missing or not a context (then derived later). */
export function parseTurnContext(json: string | null): TurnContext | null {
  if (json === null) return null;
  try {
    const parsed = turnContextSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return null;
    const { briefing, ...rest } = parsed.data;
    return briefing ? { ...rest, briefing } : rest;
  } catch {
    return null;
  }
}

/** A turn as a store rebuilds it from its columns. */
export function storedTurn(question: string, answer: string, contextJson: string | null): ConversationTurn {
  const context = parseTurnContext(contextJson);
  return context ? { question, answer, context } : { question, answer };
}

export function serialiseTurnContext(turn: ConversationTurn): string | null {
  return turn.context ? JSON.stringify(turn.context) : null;
}
