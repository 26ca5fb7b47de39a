/**
 * @module bench/start-to-answer
 * Start to first answer: the real CLI (`node bin/brief.js ask "..." --json`, compiled code in dist/)
 * started cold against a populated store, timed from spawn to the answer on stdout. One untimed run
 * first (so the OS has the files cached, as on a bot host that has run before), then a different
 * question per timed run. Peak RSS comes from /usr/bin/time when the machine has it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child-process.js';
import { median } from './stats.js';

export interface StartToAnswer {
  runs: number;
  medianMs: number;
  maxMs: number;
  failures: string[];
  /** Peak RSS of the one-shot CLI process, when /usr/bin/time is available. */
  medianMaxRssMb: number | null;
  /** CPU time (user + system) of the CLI process, when /usr/bin/time is available. */
  medianCpuMs: number | null;
}

const TIME = '/usr/bin/time';

export async function measureStartToAnswer(root: string, dataDir: string, questions: string[], runs: number) {
  const env = { ...process.env, BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'warn' };
  const withTime = existsSync(TIME);
  const times: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i <= runs; i++) {
    const question = questions[i % questions.length] ?? 'What happened this week?';
    const cli = [process.execPath, join(root, 'bin/brief.js'), 'ask', question, '--json'];
    const [command, ...args] = withTime ? [TIME, '-f', 'maxrss_kb=%M user_s=%U sys_s=%S', ...cli] : cli;
    const run = await runChild(command as string, args, { cwd: root, env });
    let ok = run.code === 0;
    try {
      ok &&= typeof (JSON.parse(run.stdout) as { answer?: unknown }).answer === 'string';
    } catch {
      ok = false;
    }
    if (!ok) {
      failures.push(`exit ${run.code}: ${(run.stderr || run.stdout).trim().split('\n').slice(-2).join(' ')}`);
      continue;
    }
    if (i === 0) continue;
    times.push(run.firstOutputMs);
    const kb = /maxrss_kb=(\d+)/.exec(run.stderr)?.[1];
    if (kb) rss.push(Number(kb) / 1024);
    const used = /user_s=([\d.]+) sys_s=([\d.]+)/.exec(run.stderr);
    if (used) cpu.push((Number(used[1]) + Number(used[2])) * 1000);
  }
  return {
    runs: times.length,
    medianMs: median(times),
    maxMs: times.length ? Math.max(...times) : Number.NaN,
    failures,
    medianMaxRssMb: rss.length ? median(rss) : null,
    medianCpuMs: cpu.length ? median(cpu) : null,
  } satisfies StartToAnswer;
}

/** Whether dist/ is missing or older than some source file: the CLI would run stale code. */
export function distIsStale(root: string): boolean {
  const entry = join(root, 'dist/main.js');
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return Math.max(latest, newest(path));
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? Math.max(latest, statSync(path).mtimeMs)
        : latest;
    }, 0);
  return newest(join(root, 'src')) > built;
}
