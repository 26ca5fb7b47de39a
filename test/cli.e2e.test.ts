/**
 * End-to-end tests of the `brief` CLI over the bundled seeds: the stable JSON shapes, verbatim quotes,
 * abstention, errors and bad input. Most run in-process through runCli; one spawns the real binary.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function brief(
  args: string[],
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'brief-cli-')),
  cwd = PROJECT_ROOT,
): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const code = await runCli(args, {
    env: { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error', ...env },
    stdout,
    stderr,
    stdin,
    cwd,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const seedText = (origin: string) => readFileSync(join(PROJECT_ROOT, origin), 'utf8');

describe('brief ask --json', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'brief-cli-'));
  });

  it('answers from the seeds on first use, in the stable shape, with verbatim quotes', async () => {
    const run = await brief(['ask', 'How big is the AWS deal?', '--json'], {}, dataDir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['question', 'answer', 'abstained', 'mode', 'citations']);
    expect(json).toMatchObject({
      question: 'How big is the AWS deal?',
      abstained: false,
      mode: 'extractive',
    });
    expect(json.answer).toContain('$38 billion');
    for (const marker of json.answer.matchAll(/\[(\d+)\]/g)) {
      expect(json.citations.some((c: { n: number }) => c.n === Number(marker[1]))).toBe(true);
    }
    for (const c of json.citations) {
      expect(Object.keys(c)).toEqual([
        'n',
        'articleId',
        'title',
        'source',
        'url',
        'origin',
        'publishedAt',
        'quote',
      ]);
      expect(c.origin).toMatch(/^seeds\/\d{3}_[0-9a-f]+\.txt$/);
      expect(c.title).not.toMatch(/untitled/i);
      // Quotes are verbatim in the stored text; the stored text is the file's body, so modulo
      // markup they occur in the file too.
      expect(seedText(c.origin).replace(/\*\*/g, '')).toContain(c.quote);
    }
  });

  it('abstains explicitly on what the articles do not cover', async () => {
    const run = await brief(['ask', 'Who won the Super Bowl?', '--json'], {}, dataDir);
    const json = JSON.parse(run.stdout);
    expect(json.abstained).toBe(true);
    expect(json.answer).toMatch(/don't say/);
  });
});

describe('brief search and sources --json', () => {
  it('returns results in the stable shape', async () => {
    const run = await brief(['search', 'EC2 UltraServers', '--limit', '2', '--json']);
    const json = JSON.parse(run.stdout);
    expect(json.query).toBe('EC2 UltraServers');
    expect(json.results).toHaveLength(2);
    expect(Object.keys(json.results[0])).toEqual([
      'articleId',
      'title',
      'source',
      'url',
      'origin',
      'publishedAt',
      'snippet',
      'score',
    ]);
  });

  it('describes what is indexed', async () => {
    const json = JSON.parse((await brief(['sources', '--json'])).stdout);
    expect(json.articles).toBe(5);
    expect(json.outlets.map((o: { source: string | null }) => o.source)).toEqual(
      expect.arrayContaining(['GeekWire', 'AIInsightsNews', 'Amazon', null]),
    );
  });
});

describe('brief ingest --json', () => {
  it('keeps two files of the same name ingested from different folders apart', async () => {
    const home = mkdtempSync(join(tmpdir(), 'brief-home-'));
    const dataDir = join(home, 'data');
    for (const [folder, text] of [
      ['x', 'Acme Corp opened a new harbour office in Bristol on Thursday, its chief executive said.'],
      ['y', 'Zeta Bank cut its savings rates for the second time this year, the lender said on Friday.'],
    ] as const) {
      mkdirSync(join(home, folder));
      writeFileSync(join(home, folder, 'news.txt'), text);
      const run = await brief(['ingest', 'news.txt', '--json'], {}, dataDir, join(home, folder));
      expect(JSON.parse(run.stdout)).toMatchObject({ added: 1, updated: 0 });
    }
    const search = await brief(['search', 'Acme harbour office', '--json'], {}, dataDir, home);
    expect(JSON.parse(search.stdout).results.map((r: { origin: string }) => r.origin)).toContain(
      'x/news.txt',
    );
    const sources = JSON.parse((await brief(['sources', '--json'], {}, dataDir, home)).stdout);
    expect(sources.articles).toBe(2);
  });

  it('reports added, unchanged and failed inputs, and keeps going past bad files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-ingest-'));
    writeFileSync(
      join(dir, 'good.md'),
      '---\ntitle: "Harbour reopens"\ndate: 2025-01-02\n---\nThe harbour reopened on Thursday after repairs to the main pier.',
    );
    writeFileSync(join(dir, 'bad.txt'), new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
    const dataDir = mkdtempSync(join(tmpdir(), 'brief-cli-'));
    const first = JSON.parse((await brief(['ingest', dir, '--json'], {}, dataDir)).stdout);
    expect(first.added).toBe(1);
    expect(first.failed).toEqual([
      { origin: expect.stringContaining('bad.txt'), error: expect.stringMatching(/binary/) },
    ]);
    const again = JSON.parse((await brief(['ingest', dir, '--json'], {}, dataDir)).stdout);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 1 });

    const nothing = await brief(
      ['ingest', join(dir, 'bad.txt'), join(dir, 'missing.txt'), '--json'],
      {},
      dataDir,
    );
    expect(nothing.code).toBe(1);
    expect(JSON.parse(nothing.stdout).failed).toHaveLength(2);
    expect(nothing.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^nothing was ingested: .*missing\.txt: no such file or folder \(and 1 more\)$/),
    ]);
  });

  it('names an unsupported URL scheme instead of looking for a file of that name', async () => {
    const run = await brief(
      ['ingest', 'ftp://files.example/news.txt', '--json'],
      {},
      mkdtempSync(join(tmpdir(), 'brief-ftp-')),
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).failed).toEqual([
      {
        origin: 'ftp://files.example/news.txt',
        error:
          'unsupported URL scheme "ftp:" (brief ingest reads http:// and https:// URLs, files and folders)',
      },
    ]);
  });
});

describe('brief errors', () => {
  it('rejects unknown flags and commands with one line and a non-zero exit', async () => {
    const flag = await brief(['ask', 'x', '--frobnicate']);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr.trim().split('\n')).toHaveLength(1);
    expect(flag.stderr).toMatch(/Unknown option '--frobnicate'/);
    const command = await brief(['summon', '--json']);
    expect(command.code).not.toBe(0);
    expect(JSON.parse(command.stdout)).toMatchObject({
      error: expect.stringMatching(/unknown command "summon"/),
    });
  });

  it('refuses a digest --since that is not an ISO date, and a topic of common words, with one line', async () => {
    const since = await brief(['digest', '--since', 'Dec 1']);
    expect(since.code).not.toBe(0);
    expect(since.stderr.trim().split('\n')).toHaveLength(1);
    expect(since.stderr).toMatch(/--since must be an ISO date or date-time.*\(got "Dec 1"\)/);
    const topic = await brief(['digest', '--topic', 'the', '--json']);
    expect(topic.code).not.toBe(0);
    expect(JSON.parse(topic.stdout).error).toMatch(/"the" is only common words/);
  });

  it('prefixes an error with "brief:" once, and calls search terms search terms', async () => {
    const ask = await brief(['ask']);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toBe('brief: ask needs a question, e.g. brief ask "How big is the AWS deal?"\n');
    const search = await brief(['search', 'x'.repeat(600)]);
    expect(search.stderr).toBe(
      'brief: Those search terms are 600 characters long; please keep it under 500 characters.\n',
    );
    const extra = await brief(['sources', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toBe('brief: sources takes no words, but got "extra" (see brief help)\n');
  });

  it('prints the package version for --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const run = await brief([flag]);
      expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('reports a bad setting by name', async () => {
    const run = await brief(['sources'], { PORT: 'abc' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/PORT must be a whole number/);
  });

  it('refuses an over-long question with a clear message', async () => {
    const run = await brief(['ask', 'why '.repeat(300)]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/please keep it under 500 characters/);
  });

  it('prints how to ask when serve has no chat token and no terminal, and exits 0', async () => {
    const run = await brief(['serve']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/brief ask/);
  });
});

describe('the installed binary', () => {
  it.runIf(existsSync(join(PROJECT_ROOT, 'dist/main.js')))('answers through bin/brief.js', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'brief-bin-'));
    const { stdout } = await promisify(execFile)(
      'node',
      ['bin/brief.js', 'ask', 'Who is the CEO of AWS?', '--json'],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, BRIEF_DATA_DIR: dataDir },
      },
    );
    expect(JSON.parse(stdout).answer).toContain('Matt Garman');
  });
});
