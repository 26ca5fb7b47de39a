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
type LenientSentence = z.infer<typeof LenientSentence>;

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
 * A reply without its reasoning: whole `<think>…</think>` blocks, anything before a lone `</think>`
 * (templates that open the block in the prompt), and an unclosed `<think>` with what follows when
 * `unclosed` is 'drop' (still thinking), or only the tag when it is 'tag'.
 */
export function withoutThinking(content: string, unclosed: 'drop' | 'tag'): string {
  let text = content.replace(/<think>[\s\S]*?<\/think>/gi, '');
  const close = text.toLowerCase().lastIndexOf('</think>');
  if (close >= 0) text = text.slice(close + '</think>'.length);
  const open = text.toLowerCase().indexOf('<think>');
  if (open >= 0) text = unclosed === 'drop' ? text.slice(0, open) : text.replace(/<think>/gi, '');
  return text;
}

/**
 * The JSON object in a reply that may wrap it in reasoning, prose or ```json fences: the last fenced
 * block that holds one, else the last balanced top-level object that parses. Throws SyntaxError when
 * there is none.
 */
export function extractJson(content: string): unknown {
  const text = withoutThinking(content, 'tag');
  const fenced = [...text.matchAll(/```(?:json)?\s*([\s\S]*?)```/gi)].map((m) => m[1] ?? '');
  for (const body of [...fenced.reverse(), text]) {
    const objects = topLevelObjects(body);
    for (let i = objects.length - 1; i >= 0; i--) {
      try {
        return JSON.parse(objects[i] as string);
      } catch {
        // Braces that balance but are not JSON (prose, code): try the one before.
      }
    }
  }
  throw new SyntaxError('The reply holds no JSON object');
}

/** The spans `{…}` at depth 0, braces inside JSON strings ignored. */
function topLevelObjects(text: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"' && depth > 0) {
      inString = true;
    } else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) found.push(text.slice(start, i + 1));
    }
  }
  return found;
}

const SENTENCES_KEY = /"sentences"\s*:\s*\[/;

/**
 * The sentences a partial JSON reply (while it streams) has finished, each with its citations: the
 * objects of its `sentences` array closed so far, read outside `<think>` blocks (reasoning may hold
 * drafts the model throws away). A sentence still being written is not among them: the core verifies
 * what it shows as a draft, and half a sentence cannot be verified.
 */
export function completeSentences(snapshot: string): LenientSentence[] {
  const text = withoutThinking(snapshot, 'drop');
  const key = SENTENCES_KEY.exec(text);
  if (!key) return [];
  const sentences: LenientSentence[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = key.index + key[0].length; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 0 && c === '{') start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break; // the end of the array
      depth--;
      if (depth === 0 && c === '}') {
        const parsed = parseSentence(text.slice(start, i + 1));
        if (parsed) sentences.push(parsed);
      }
    }
  }
  return sentences;
}

function parseSentence(json: string): LenientSentence | null {
  try {
    const parsed = LenientSentence.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
