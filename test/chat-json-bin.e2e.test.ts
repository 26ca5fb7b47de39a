/**
 * `brief chat --json` as a script drives it: the built binary (bin/brief.js, dist/ rebuilt by the
 * global setup when src/ is newer), questions on stdin one per line, one JSON line per reply, over the
 * bundled seeds. One conversation walks every category the chat knows: briefing, "what else", topic
 * briefing, coverage, disagreement, a pronoun follow-up, a bare "how much?", small talk, and a
 * follow-up with nothing to refer to after /new.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

interface Line {
  question: string;
  answer: string;
  kind: string;
  abstained: boolean;
  citations: { n: number }[];
  resolvedQuestion: string | null;
}

function chatBin(lines: string[]): Promise<{ code: number | null; out: Line[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/brief.js'), 'chat', '--json'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'brief-chat-bin-')),
        BRIEF_LOG_LEVEL: 'error',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({
        code,
        out: text
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as Line),
      });
    });
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

const ABSTAINS = /couldn't find anything to look up|don't say/;

describe('brief chat --json, the built binary', () => {
  it('answers every kind of chat message as people type them, keeping the conversation', async () => {
    const { code, out } = await chatBin([
      'whats the latest',
      'what else',
      'whats the latest on openai',
      'which outlests coverd the deal',
      'what do the sources disagree on',
      'who is the ceo of aws',
      'and what did he say',
      'how much?',
      'thx',
      '/new',
      'what did he say',
    ]);
    expect(code).toBe(0);
    expect(out.map((l) => l.kind)).toEqual([
      'briefing',
      'briefing',
      'briefing',
      'coverage',
      'coverage',
      'answer',
      'answer',
      'answer',
      'chat',
      'clarify',
    ]);
    const [latest, more, topic, coverage, disagreement, ceo, said, howMuch, thanks, unresolved] = out;
    expect(latest?.answer).toMatch(/^Nothing I have is dated in the last 3 days/);
    expect(latest?.answer).toContain('2026-02-27');
    expect(more?.answer).toMatch(/^That's all I have/);
    expect(topic?.answer).toContain('OpenAI');
    expect(coverage?.answer).toMatch(/5 articles cover/);
    expect(coverage?.answer).toContain('outlet not named');
    expect(disagreement?.answer).toMatch(/^Sources disagree/);
    expect(ceo?.answer).toContain('Matt Garman');
    expect(said).toMatchObject({ resolvedQuestion: 'and what did Matt Garman say' });
    expect(said?.answer).toContain('Garman');
    // A bare "how much?" after a question about a role is about the newest thing talked about (the
    // briefing on OpenAI), not the role.
    expect(howMuch?.resolvedQuestion).toBe('how much openai?');
    expect(thanks?.citations).toEqual([]);
    expect(unresolved?.answer).toMatch(/^Who do you mean by “he”\?/);
    for (const line of out.slice(0, 9)) expect(line.answer).not.toMatch(ABSTAINS);
    for (const line of out) {
      for (const m of line.answer.matchAll(/\[(\d+)\]/g)) {
        expect(line.citations.some((c) => c.n === Number(m[1]))).toBe(true);
      }
    }
  });
});
