/**
 * @module eval/conversation/run-conversation-eval
 * Runs the conversation cases through `brief chat --json`'s own code (`runCli(['chat', '--json'])`,
 * one session per corpus, `/new` between cases): over the bundled seeds in an empty data folder, and
 * over the realpages-dev pages served on 127.0.0.1 and ingested by URL with `brief ingest` first. Each
 * case's last reply is checked against its expectation; every reply's [n] markers must name citations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/main.js';
import { PROJECT_ROOT } from '../../src/test-support/seeded-briefing.js';
import { servePages } from '../pages/serve-pages.js';
import type { ConversationCase, Expectation } from './cases.js';

export interface ChatLine {
  question?: string;
  answer?: string;
  kind?: string;
  abstained?: boolean;
  citations?: { n: number; quote: string }[];
  resolvedQuestion?: string | null;
  error?: string;
}

export interface CaseResult {
  case: ConversationCase;
  ok: boolean;
  /** What failed, e.g. "kind briefing, wanted answer"; empty when ok. */
  problems: string[];
  last: ChatLine | undefined;
}

async function brief(args: string[], dataDir: string, input = ''): Promise<{ code: number; out: string }> {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const stdout = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (chunk) => chunks.push(String(chunk)));
  stdin.end(input);
  const code = await runCli(args, {
    env: { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error' },
    stdout,
    stderr: new PassThrough(),
    stdin,
    cwd: PROJECT_ROOT,
  });
  return { code, out: chunks.join('') };
}

/** The cases of one corpus in one `brief chat --json` session; the replies of each case's turns. */
async function chatCases(cases: ConversationCase[], dataDir: string): Promise<CaseResult[]> {
  const lines = cases.flatMap((k) => [...k.turns, '/new']);
  const { out } = await brief(['chat', '--json'], dataDir, `${lines.join('\n')}\n`);
  const replies = out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ChatLine);
  const results: CaseResult[] = [];
  let at = 0;
  for (const k of cases) {
    const own = replies.slice(at, at + k.turns.length);
    at += k.turns.length;
    results.push(judge(k, own));
  }
  return results;
}

export function judge(k: ConversationCase, replies: ChatLine[]): CaseResult {
  const last = replies.at(-1);
  const problems: string[] = [];
  if (replies.length !== k.turns.length)
    problems.push(`${replies.length} replies to ${k.turns.length} turns`);
  for (const reply of replies) {
    for (const m of (reply.answer ?? '').matchAll(/\[(\d+)\]/g)) {
      if (!(reply.citations ?? []).some((c) => c.n === Number(m[1])))
        problems.push(`marker [${m[1]}] has no source`);
    }
  }
  problems.push(...unmet(k.expect, last));
  return { case: k, ok: problems.length === 0, problems, last };
}

function unmet(expect: Expectation, last: ChatLine | undefined): string[] {
  if (!last) return ['no reply'];
  const problems: string[] = [];
  const text = (last.answer ?? last.error ?? '').toLowerCase();
  const kinds = expect.kind === undefined ? [] : [expect.kind].flat();
  if (kinds.length > 0 && !kinds.includes(last.kind as never))
    problems.push(`kind ${last.kind ?? 'none'}, wanted ${kinds.join('|')}`);
  for (const s of expect.all ?? []) if (!text.includes(s.toLowerCase())) problems.push(`lacks “${s}”`);
  if (expect.any && !expect.any.some((s) => text.includes(s.toLowerCase())))
    problems.push(`has none of ${expect.any.map((s) => `“${s}”`).join(', ')}`);
  for (const s of expect.none ?? []) if (text.includes(s.toLowerCase())) problems.push(`says “${s}”`);
  const cited = (last.citations ?? []).length > 0;
  if (expect.cited !== undefined && cited !== expect.cited)
    problems.push(expect.cited ? 'cites nothing' : 'cites sources');
  return problems;
}

export interface ConversationRun {
  results: CaseResult[];
  pages: { served: number; stored: number } | null;
}

/** Runs the seeds' cases, and the pages' cases when `pages` (page name → saved HTML) is given. */
export async function runConversationEval(
  cases: ConversationCase[],
  pages: Map<string, string> | null,
): Promise<ConversationRun> {
  const results: CaseResult[] = [];
  const seedsDir = await mkdtemp(join(tmpdir(), 'briefbot-conversation-'));
  try {
    results.push(
      ...(await chatCases(
        cases.filter((k) => k.corpus === 'seeds'),
        seedsDir,
      )),
    );
  } finally {
    await rm(seedsDir, { recursive: true, force: true });
  }
  if (!pages) return { results, pages: null };
  const pagesDir = await mkdtemp(join(tmpdir(), 'briefbot-conversation-pages-'));
  const server = await servePages(pages);
  try {
    const ingest = await brief(['ingest', ...server.urls.values(), '--json'], pagesDir);
    if (ingest.code !== 0) throw new Error(`brief ingest of the pages failed: ${ingest.out.slice(0, 500)}`);
    const report = JSON.parse(ingest.out) as { added?: number };
    results.push(
      ...(await chatCases(
        cases.filter((k) => k.corpus === 'pages'),
        pagesDir,
      )),
    );
    return { results, pages: { served: pages.size, stored: report.added ?? 0 } };
  } finally {
    await server.close();
    await rm(pagesDir, { recursive: true, force: true });
  }
}
