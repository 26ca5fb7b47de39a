/**
 * @module core/question-limits
 * The checks every question (and every set of search terms) passes before any work: not empty, not
 * longer than the configured limit. Adapters show the message as is.
 */
import { BadRequestError } from './errors.js';

export function validateQuestion(question: string, maxChars: number): string {
  return withinLimits(question, maxChars, {
    subject: 'That question is',
    empty: 'Ask me a question about the news, e.g. "How big is the AWS deal?"',
  });
}

/** The same limits for search terms, named as such in the messages. */
export function validateSearchTerms(terms: string, maxChars: number): string {
  return withinLimits(terms, maxChars, {
    subject: 'Those search terms are',
    empty: 'Give me some search terms, e.g. "AWS OpenAI deal"',
  });
}

function withinLimits(text: string, maxChars: number, words: { subject: string; empty: string }): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new BadRequestError(words.empty);
  // Characters as people count them (code points), so an emoji is one, not two UTF-16 units.
  const length = [...trimmed].length;
  if (length > maxChars) {
    throw new BadRequestError(
      `${words.subject} ${length} characters long; please keep it under ${maxChars} characters.`,
    );
  }
  return trimmed;
}
