/**
 * `brief chat --json` end to end over the bundled seeds: one JSON line per question in the `ask` shape
 * plus `kind`, the conversation kept between lines, `/new` starting afresh, and every kind of message
 * people send a briefing bot (as they type them).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

interface ChatLine {
  question: string;
  answer: string;
  abstained: boolean;
  mode: string;
  citations: {
    n: number;
    source: string | null;
    publishedAt: string | null;
    quote: string;
    url: string | null;
    origin: string;
  }[];
  kind: string;
  resolvedQuestion: string | null;
  error?: string;
}

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'brief-chat-'));
});

async function chat(
  lines: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: ChatLine[] }> {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const stdout = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (c) => chunks.push(String(c)));
  stdin.end(`${lines.join('\n')}\n`);
  const code = await runCli(['chat', '--json'], {
    env: { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error', ...env },
    stdout,
    stderr: new PassThrough(),
    stdin,
    cwd: PROJECT_ROOT,
  });
  const out = chunks
    .join('')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ChatLine);
  return { code, out };
}

const cited = (line: ChatLine | undefined) => {
  for (const m of line?.answer.matchAll(/\[(\d+)\]/g) ?? []) {
    expect(line?.citations.some((c) => c.n === Number(m[1]))).toBe(true);
  }
};

describe('brief chat --json', () => {
  it('writes one line per question in the ask shape plus kind, keeping the conversation until /new', async () => {
    const { code, out } = await chat([
      'Who is the CEO of AWS?',
      'and what did he say?',
      '',
      '/new',
      'and what did he say?',
    ]);
    expect(code).toBe(0);
    expect(out).toHaveLength(3);
    expect(Object.keys(out[0] ?? {})).toEqual([
      'question',
      'answer',
      'abstained',
      'mode',
      'citations',
      'kind',
      'resolvedQuestion',
    ]);
    expect(out[0]).toMatchObject({ kind: 'answer', abstained: false, resolvedQuestion: null });
    expect(out[1]).toMatchObject({
      question: 'and what did he say?',
      kind: 'answer',
      resolvedQuestion: 'and what did Matt Garman say?',
    });
    expect(out[1]?.answer).toMatch(/Garman/);
    cited(out[1]);
    expect(out[2]).toMatchObject({ kind: 'clarify', citations: [] });
    expect(out[2]?.answer).toMatch(/^Who do you mean by “he”\?/);
  });

  it('briefs the news with outlets and dates, says nothing is recent, and continues with "what else"', async () => {
    const { out } = await chat(['whats the latest', 'what else']);
    const [briefing, more] = out;
    expect(briefing?.kind).toBe('briefing');
    expect(briefing?.answer).toMatch(
      /^Nothing I have is dated in the last 3 days, so here is the most recent story/,
    );
    expect(briefing?.answer).toMatch(/5 articles: .*GeekWire.*; 2026-02-27\)/);
    expect(briefing?.citations.length).toBeGreaterThan(0);
    cited(briefing);
    expect(more).toMatchObject({ kind: 'briefing', abstained: false, citations: [] });
    expect(more?.answer).toMatch(/^That's all I have/);
  });

  it('answers coverage and disagreement about the story the conversation is on', async () => {
    const { out } = await chat([
      'how big is the aws deal',
      'which outlets covered it',
      'what do the sources disagree on',
    ]);
    const [, coverage, disagreement] = out;
    expect(coverage?.kind).toBe('coverage');
    expect(coverage?.citations).toHaveLength(5);
    expect(coverage?.answer).toContain('outlet not named');
    expect(coverage?.answer).toContain('date unknown');
    expect(coverage?.citations.every((c) => c.url !== null || c.origin.startsWith('seeds/'))).toBe(true);
    cited(coverage);
    expect(disagreement?.kind).toBe('coverage');
    expect(disagreement?.answer).toMatch(/^Sources disagree/);
    expect(disagreement?.answer).toMatch(/\$38 billion/);
    expect(disagreement?.answer).toMatch(/not disclosed/);
    cited(disagreement);
  });

  it('answers small talk briefly with examples, no citations and no abstention', async () => {
    const { out } = await chat(['hi', 'what can u do', 'thx']);
    for (const line of out) {
      expect(line).toMatchObject({ kind: 'chat', abstained: false, citations: [] });
      expect(line.answer).not.toMatch(/don't say|couldn't find|nothing to look up/i);
      expect(line.answer.match(/^• /gm)?.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('reports a line it cannot take and goes on with the next', async () => {
    const { code, out } = await chat(['x'.repeat(600), 'How big is the AWS deal?']);
    expect(code).toBe(0);
    expect(out[0]).toMatchObject({ code: 'bad_request' });
    expect(out[0]?.error).toMatch(/under 500 characters/);
    expect(out[1]?.answer).toContain('$38 billion');
  });
});
