import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededBriefing, type SeededBriefing } from '../../test-support/seeded-briefing.js';
import { runConsoleChat } from './console-chat.js';

let seeded: SeededBriefing;
beforeAll(async () => {
  seeded = await createSeededBriefing();
});
afterAll(() => seeded.close());

async function chat(lines: string[], extraCommands = {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c) => chunks.push(String(c)));
  const done = runConsoleChat({
    briefing: seeded.briefing,
    conversations: seeded.conversations,
    input,
    output,
    maxQuestionChars: 200,
    now: () => seeded.clock.now(),
    extraCommands,
  });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return chunks.join('');
}

describe('runConsoleChat', () => {
  it('answers with citations and keeps the thread for follow-ups', async () => {
    const out = await chat(['How big is the AWS deal?', 'and when will it be deployed?']);
    expect(out).toContain('$38 billion');
    expect(out).toMatch(/Sources:\n\[1\]/);
    expect(out).toMatch(/end of 2026/);
  });

  it('runs /search, /sources, extra commands, and explains unknown commands and bad questions', async () => {
    const out = await chat(
      ['/search GB200', '/sources', '/digest', '/frobnicate', 'x'.repeat(300), '/quit', 'never read'],
      {
        digest: { help: 'the digest', run: () => 'DIGEST OUTPUT' },
      },
    );
    expect(out).toMatch(/1\. .*\n.*seeds\/001/);
    expect(out).toMatch(/5 articles/);
    expect(out).toContain('DIGEST OUTPUT');
    expect(out).toContain('Unknown command /frobnicate');
    expect(out).toMatch(/please keep it under 200 characters/);
    expect(out).not.toContain('never read');
  });
});
