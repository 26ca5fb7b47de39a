/**
 * End-to-end tests of the console chat in a pseudo-terminal, as a person meets it: line editing and
 * history on the up arrow (kept across runs), answers wrapped at word boundaries to the terminal's
 * width, no JSON log lines, the help with /digest in its place, and Ctrl-D / Ctrl-C leaving cleanly.
 * Also `brief chat` piped into `head`, which must end quietly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, type PtySession, startPty } from '../src/test-support/pty-session.js';
import { BIN } from '../src/test-support/run-bin.js';

let dataDir: string;
let cwd: string;
const sessions: PtySession[] = [];
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'brief-console-'));
  dataDir = join(cwd, 'data');
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

function chat(cols = 60): PtySession {
  const session = startPty(['chat'], { cwd, env: { BRIEF_DATA_DIR: dataDir }, cols });
  sessions.push(session);
  return session;
}

/** Types a line and waits for the prompt that follows its answer; returns what was shown in between. */
async function ask(session: PtySession, keys: string): Promise<string> {
  const from = session.screen().length;
  session.type(keys);
  return session.waitFor(/\n\n> $/, from);
}

// Each test starts the real binary one or more times; on a loaded machine that takes a while.
describe('the console chat in a terminal', { timeout: 60_000 }, () => {
  it('starts with one friendly sentence, wraps answers at word boundaries and shows no log lines', async () => {
    const session = chat(60);
    const banner = await session.waitFor(/\n> $/);
    expect(banner.replace(/\s+/g, ' ')).toContain(
      'Indexed the 5 articles bundled with Briefbot, so there is news to ask about right away.',
    );
    const shown = await ask(session, `How big is the AWS deal?${KEYS.enter}`);
    expect(shown).toContain('$38 billion');
    expect(shown).toContain('Sources:');
    const lines = shown.split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(60);
    // Wrapped, not cut: every word of the one-line answer is whole on some line.
    const answer = lines.slice(1, lines.indexOf('')).join(' ');
    expect(answer).toMatch(
      /^Sources disagree\. According to CNBC, OpenAI has signed a landmark \$38 billion/,
    );
    expect(answer).not.toMatch(/\S{40,}/);
    expect(session.screen()).not.toContain('{"time"');
    expect(readFileSync(join(dataDir, 'briefbot.log'), 'utf8')).toContain(
      '"ingested the seeds into an empty store"',
    );
    session.type(KEYS.ctrlD);
    expect((await session.exited).exitCode).toBe(0);
    expect(session.screen()).toMatch(/Bye\.\n$/);
  });

  it('does not double the quotation marks of a quote that opens with its own', async () => {
    const session = chat(100);
    await session.waitFor(/\n> $/);
    const shown = await ask(session, `What did Sam Altman say about scaling?${KEYS.enter}`);
    expect(shown).toContain('“Scaling frontier AI requires massive');
    expect(shown).not.toContain('““');
    session.type(KEYS.ctrlC);
    expect((await session.exited).exitCode).toBe(0);
  });

  it('edits the line with Ctrl-A and Ctrl-E, and recalls earlier questions with the up arrow, across runs', async () => {
    const first = chat(80);
    await first.waitFor(/\n> $/);
    await first.press('AWS deal worth?', KEYS.ctrlA, 'How much is the ', KEYS.ctrlE, ' ');
    const edited = await ask(first, KEYS.enter);
    expect(edited).toContain('$38 billion');
    first.type(KEYS.ctrlD);
    await first.exited;
    expect(readFileSync(join(dataDir, 'console-history'), 'utf8')).toContain(
      'How much is the AWS deal worth?',
    );

    const second = chat(80);
    await second.waitFor(/\n> $/);
    const from = second.screen().length;
    second.type(KEYS.up);
    await second.waitFor('> How much is the AWS deal worth?', from);
    expect(second.raw()).not.toContain('^[[A');
    const again = await ask(second, KEYS.enter);
    expect(again).toContain('$38 billion');
    second.type(KEYS.ctrlC);
    expect((await second.exited).exitCode).toBe(0);
  });

  it('lists /digest in its place in the aligned help, and shows the whole help for an unknown command', async () => {
    const session = chat(100);
    await session.waitFor(/\n> $/);
    const shown = await ask(session, `/frobnicate${KEYS.enter}`);
    expect(shown).toContain('Unknown command /frobnicate.');
    const commands = shown.split('\n').filter((line) => line.startsWith('  /'));
    expect(commands.map((line) => line.trim().split(/\s/)[0])).toEqual([
      '/search',
      '/sources',
      '/digest',
      '/new',
      '/help',
      '/quit',
    ]);
    const column = (line: string) =>
      line.search(/\S/u) + (/^\s+\S+(?: \S+)*?\s{2,}/u.exec(line)?.[0].length ?? 0);
    expect(new Set(commands.map((line) => (/^ {2}\S+(?: \S+)?\s+/.exec(line)?.[0] ?? '').length)).size).toBe(
      1,
    );
    expect(column(commands[0] ?? '')).toBeGreaterThan(0);
    session.type(KEYS.ctrlD);
    await session.exited;
  });
});

describe('brief chat piped into head', () => {
  it('exits quietly when head stops reading', async () => {
    const brief = spawn(process.execPath, [BIN, 'chat'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', BRIEF_DATA_DIR: dataDir },
    });
    const head = spawn('head', ['-3'], { stdio: ['pipe', 'pipe', 'inherit'] });
    brief.stdout.pipe(head.stdin);
    let shown = '';
    let errors = '';
    head.stdout.on('data', (c) => {
      shown += String(c);
    });
    brief.stderr.on('data', (c) => {
      errors += String(c);
    });
    // Questions keep coming after head has had its three lines.
    brief.stdin.on('error', () => {});
    brief.stdin.write('How big is the AWS deal?\n'.repeat(20));
    brief.stdin.end();
    const code = await new Promise((resolve) => brief.on('close', resolve));
    expect(shown.split('\n')).toHaveLength(4);
    expect(errors).toBe('');
    expect(code).toBe(0);
  });
});
