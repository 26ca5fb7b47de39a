/**
 * @module llm/prompt-messages
 * Prompts from `prompts/*.md`, read at start-up so they can be edited without a build, and the chat
 * messages built from them: passages numbered, delimited and marked as untrusted quoted material.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ModelAnswerRequest, ModelPassage, ModelStoryRequest } from '../core/answer-model.js';
import { ConfigError } from '../core/errors.js';

const NAMES = ['answer-system', 'answer-user', 'story-system', 'story-user'] as const;
export type PromptName = (typeof NAMES)[number];
export type Prompts = Record<PromptName, string>;

/** Reads every prompt; a missing one is a configuration problem, reported at start-up. */
export function loadPrompts(dir: string): Prompts {
  const problems: string[] = [];
  const entries = NAMES.map((name) => {
    try {
      return [name, readFileSync(join(dir, `${name}.md`), 'utf8').trim()] as const;
    } catch (cause) {
      problems.push(`prompt ${name}.md cannot be read from ${dir}: ${(cause as Error).message}`);
      return [name, ''] as const;
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.fromEntries(entries) as Prompts;
}

/** Fills {{name}} placeholders in one pass, so text inside a value is never expanded again. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** A passage cannot close its own delimiter and pose as instructions after it. */
function neutralise(text: string): string {
  return text.replace(/<(\/?)(passages?)\b/gi, '‹$1$2');
}

export function formatPassages(passages: ModelPassage[]): string {
  return passages
    .map((p) => {
      const meta = [
        `n="${p.n}"`,
        `outlet="${neutralise(p.source ?? 'unknown').replace(/"/g, "'")}"`,
        `published="${p.publishedAt?.slice(0, 10) ?? 'unknown'}"`,
      ].join(' ');
      return `<passage ${meta}>\nTitle: ${neutralise(p.title)}\n${neutralise(p.text)}\n</passage>`;
    })
    .join('\n');
}

function formatHistory(request: ModelAnswerRequest): string {
  const turns = request.history.slice(-2);
  if (turns.length === 0) return '';
  const lines = turns.map((t) => `Earlier question: ${t.question}\nEarlier answer: ${t.answer}`);
  return `\nThis question follows up on the conversation below.\n${lines.join('\n')}\n`;
}

export function answerMessages(prompts: Prompts, request: ModelAnswerRequest): ChatCompletionMessageParam[] {
  const user = fillTemplate(prompts['answer-user'], {
    today: request.now.slice(0, 10),
    history: formatHistory(request),
    passages: formatPassages(request.passages),
    question: request.question.replace(/\s+/g, ' ').trim(),
  });
  return [
    { role: 'system', content: prompts['answer-system'] },
    { role: 'user', content: user },
  ];
}

export function storyMessages(prompts: Prompts, request: ModelStoryRequest): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: prompts['story-system'] },
    {
      role: 'user',
      content: fillTemplate(prompts['story-user'], { passages: formatPassages(request.passages) }),
    },
  ];
}
