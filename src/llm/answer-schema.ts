/**
 * @module llm/answer-schema
 * The shapes the model must answer in, as zod schemas: strict ones for structured outputs
 * (json_schema: every field required), lenient ones for servers in JSON mode or plain text.
 */
import { z } from 'zod';

const Citation = z.object({
  passage: z.number().int().min(1).max(100).describe('The number of the passage that supports the sentence'),
  quote: z.string().describe('Words copied exactly from that passage that show the sentence is true'),
});

const Sentence = z.object({
  text: z.string().describe('One sentence of the answer, without citation markers'),
  citations: z.array(Citation),
});

export const AnswerOutput = z.object({
  sentences: z.array(Sentence),
  disagreement: z.boolean().describe('True when the passages disagree on the answer'),
  cannot_answer: z.boolean().describe('True when the passages do not answer the question'),
});
export type AnswerOutput = z.infer<typeof AnswerOutput>;

export const StoryOutput = z.object({
  headline: Sentence,
  summary: z.array(Sentence),
});
export type StoryOutput = z.infer<typeof StoryOutput>;

const LenientCitation = z.object({ passage: z.coerce.number().int(), quote: z.string() });
const LenientSentence = z.object({
  text: z.string(),
  citations: z.array(LenientCitation).default([]),
});

/** What a model without structured outputs tends to send: missing flags, numbers as strings. */
export const LenientAnswerOutput = z.object({
  sentences: z.array(LenientSentence).default([]),
  disagreement: z.boolean().default(false),
  cannot_answer: z.boolean().default(false),
});

export const LenientStoryOutput = z.object({
  headline: LenientSentence,
  summary: z.array(LenientSentence).default([]),
});

/**
 * The JSON object in a reply that may wrap it in prose or a ```json fence; throws SyntaxError when
 * there is none.
 */
export function extractJson(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content);
  const body = fenced?.[1] ?? content;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end < start) throw new SyntaxError('The reply holds no JSON object');
  return JSON.parse(body.slice(start, end + 1));
}

const TEXT_FIELD = /"text"\s*:\s*"((?:[^"\\]|\\.)*)/g;

/**
 * The sentence texts in a partial JSON reply (while it streams), the last one possibly cut short.
 * Only "text" fields are read: quotes and passage numbers never reach the reader unverified.
 */
export function partialSentences(snapshot: string): string[] {
  const texts: string[] = [];
  for (const match of snapshot.matchAll(TEXT_FIELD)) {
    const raw = (match[1] ?? '').replace(/\\u[0-9a-fA-F]{0,3}$|\\$/, '');
    try {
      texts.push(JSON.parse(`"${raw}"`) as string);
    } catch {
      texts.push(raw);
    }
  }
  return texts.filter((t) => t.trim().length > 0);
}
