/**
 * @module test-support/make-answer
 * Fixture factories for core results (answers, citations), with overrides; shared by the adapters' tests.
 */
import type { Answer } from '../core/answer.js';
import type { Citation } from '../core/article.js';

export function makeCitation(overrides: Partial<Citation> = {}): Citation {
  return {
    n: 1,
    articleId: 'a1',
    title: 'OpenAI signs $38 billion AWS deal',
    source: 'GeekWire',
    url: 'https://www.geekwire.com/2025/openai-aws/',
    origin: 'seeds/004.txt',
    publishedAt: '2025-11-03T15:00:00.000Z',
    quote: 'The company announced a seven-year agreement with Amazon Web Services (AWS) worth $38 billion.',
    ...overrides,
  };
}

export function makeAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'How big is the AWS deal?',
    answer: 'OpenAI signed a seven-year, $38 billion agreement with AWS. [1]',
    abstained: false,
    mode: 'extractive',
    sentences: [{ text: 'OpenAI signed a seven-year, $38 billion agreement with AWS.', citations: [1] }],
    citations: [makeCitation()],
    disagreement: false,
    note: null,
    ...overrides,
  };
}
