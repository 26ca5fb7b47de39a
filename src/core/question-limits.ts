/**
 * @module core/question-limits
 * The checks every question passes before any work: not empty, not longer than the configured limit.
 * Adapters show the message as is.
 */
import { BadRequestError } from '../errors.js';

export function validateQuestion(question: string, maxChars: number): string {
  const trimmed = question.trim();
  if (trimmed === '')
    throw new BadRequestError('Ask me a question about the news, e.g. "How big is the AWS deal?"');
  // Characters as people count them (code points), so an emoji is one, not two UTF-16 units.
  const length = [...trimmed].length;
  if (length > maxChars) {
    throw new BadRequestError(
      `That question is ${length} characters long; please keep it under ${maxChars} characters.`,
    );
  }
  return trimmed;
}
