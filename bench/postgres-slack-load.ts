/**
 * @module bench/postgres-slack-load
 * `npm run bench:pg-slack`: the Slack load of issue 18 against TWO `brief serve` processes (the built
 * bin, Slack HTTP mode) sharing one PostgreSQL database (a throwaway cluster, or BENCH_DATABASE_URL as
 * the server). 500 signed `app_mention` events, at most 50 in flight (closed loop, as
 * bench/slack-load.ts), each sent to one process in turn; with `--retry` (the default) each event is
 * then delivered again to the OTHER process as Slack's retry (`X-Slack-Retry-Num: 1`, same event), the
 * case where per-process dedupe answers twice. Reports answered, exactly once, duplicates and
 * event → first chat.postMessage p50/p95. Both processes answer from the seeds (`brief serve` seeds
 * an empty store; the second starts after the first is healthy).
 *   npx tsx bench/postgres-slack-load.ts [events] [concurrency] [--no-retry]
 * Profiling: BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' (node flags of both serve processes),
 * BENCH_LOG_LEVEL=info and BENCH_LOG_FILE=PATH (their logs, to PATH.<pid>).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { postEvent } from '../src/adapters/slack/testing/signed-request.js';
import { mentionEvent } from '../src/adapters/slack/testing/slack-payloads.js';
import { startTestCluster } from '../src/store/postgres/testing/pg-test-cluster.js';
import { cpuSeconds } from './process-cpu.js';
import { percentile } from './stats.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECRET = 'bench-pg-signing-secret';
const QUESTIONS = [
  'How big is the AWS deal?',
  'When will the capacity be deployed?',
  'Which chips will OpenAI use on AWS?',
  'How long does the agreement run?',
  'What does the deal mean for Microsoft?',
  'Who is the CEO of OpenAI?',
  'What did Sam Altman say about the partnership?',
  'How many GPUs are part of the agreement?',
];
/** After the last answer, how long late duplicates may still arrive before counting. */
const SETTLE_MS = 3000;
const log = (line: string) => process.stderr.write(`[bench:pg-slack] ${line}\n`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function healthy(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null)
      throw new Error(`brief serve exited ${child.exitCode} before it was healthy`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`brief serve on port ${port} never became healthy`);
}

function serve(env: NodeJS.ProcessEnv): { child: ChildProcess; stderr: () => string } {
  // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to each serve process's node.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin/brief.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const logTo = process.env.BENCH_LOG_FILE;
  child.stderr?.on('data', (chunk: Buffer) => {
    if (logTo) appendFileSync(`${logTo}.${child.pid}`, chunk);
    err = (err + chunk.toString('utf8')).slice(-4000);
  });
  return { child, stderr: () => err };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function main(events: number, concurrency: number, retry: boolean): Promise<boolean> {
  const cluster = await startTestCluster({ TEST_DATABASE_URL: process.env.BENCH_DATABASE_URL });
  if ('unavailable' in cluster) throw new Error(`no PostgreSQL: ${cluster.unavailable}`);
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS brief_bench_slack WITH (FORCE)');
  await admin.query('CREATE DATABASE brief_bench_slack');
  const url = new URL(cluster.url);
  url.pathname = '/brief_bench_slack';
  const fake = await startFakeSlack();
  const bots: { child: ChildProcess; stderr: () => string }[] = [];
  try {
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      const bot = serve({
        DATABASE_URL: url.href,
        BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'brief-pg-slack-')),
        BRIEF_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        SLACK_APP_TOKEN: '',
        DISCORD_TOKEN: '',
        PORT: String(port),
      });
      bots.push(bot);
      await healthy(port, bot.child).catch((error: Error) => {
        throw new Error(`${error.message}: ${bot.stderr().trim().split('\n').slice(-3).join(' | ')}`);
      });
      log(`brief serve ${bots.length} healthy on port ${port}`);
    }
    const urls = ports.map((port) => `http://127.0.0.1:${port}/slack/events`);
    const mentions = Array.from({ length: events }, (_, i) =>
      mentionEvent({ text: QUESTIONS[i % QUESTIONS.length] ?? '', user: `U${String(i).padStart(6, '0')}` }),
    );
    const sentAt = new Map<string, number>();
    let httpErrors = 0;
    let cursor = 0;
    const cpuBefore = bots.map((bot) => cpuSeconds(bot.child.pid));
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const started = performance.now();
    const worker = async () => {
      for (let i = cursor++; i < events; i = cursor++) {
        const event = mentions[i] as (typeof mentions)[number];
        const ts = event.event.ts;
        sentAt.set(ts, performance.now());
        const first = await postEvent(urls[i % 2] as string, SECRET, event).catch(() => undefined);
        if (first?.status !== 200) httpErrors += 1;
        await first?.text();
        if (retry) {
          const again = await postEvent(urls[(i + 1) % 2] as string, SECRET, event, { retryNum: 1 }).catch(
            () => undefined,
          );
          if (again?.status !== 200) httpErrors += 1;
          await again?.text();
        }
        await fake
          .waitForCall(
            `answer ${ts}`,
            (c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts,
            60_000,
          )
          .catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const loadAfter = loadavg()[0] ?? Number.NaN;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // Both processes' CPU over the load and the settle: what an answer costs, whatever else runs here.
    const cpu = bots.reduce((sum, bot, i) => sum + cpuSeconds(bot.child.pid) - (cpuBefore[i] ?? 0), 0);

    const perThread = new Map<string, number[]>();
    for (const post of fake.calls.filter((c) => c.method === 'chat.postMessage')) {
      const ts = String(post.args.thread_ts);
      perThread.set(ts, [...(perThread.get(ts) ?? []), post.at - (sentAt.get(ts) ?? Number.NaN)]);
    }
    const failures = fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && /^:warning:|asking faster/.test(String(c.args.text)),
    ).length;
    const latencies = [...perThread.values()].map((list) => Math.min(...list));
    const result = {
      bench: 'postgres-slack-load',
      processes: 2,
      retryToOther: retry,
      events,
      concurrency,
      answered: perThread.size,
      answeredOnce: [...perThread.values()].filter((list) => list.length === 1).length,
      duplicates: [...perThread.values()].filter((list) => list.length > 1).length,
      errors: httpErrors + failures,
      p50Ms: Math.round(percentile(latencies, 50)),
      p95Ms: Math.round(percentile(latencies, 95)),
      maxMs: Math.round(Math.max(...latencies)),
      seconds: Number(seconds.toFixed(2)),
      cpuMsPerAnswer: Math.round((cpu * 1000) / Math.max(1, perThread.size)),
      loadAverage: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
    };
    const rows: [string, string | number][] = [
      ['processes', `2 × brief serve on one PostgreSQL${retry ? ', each event retried to the other' : ''}`],
      ['events sent', `${events} (concurrency ${concurrency})`],
      ['answers posted', result.answered],
      ['answered exactly once', result.answeredOnce],
      ['duplicates', result.duplicates],
      ['errors', `${result.errors} (http ${httpErrors}, failure replies ${failures})`],
      ['event → postMessage p50', `${result.p50Ms} ms`],
      ['event → postMessage p95', `${result.p95Ms} ms`],
      ['event → postMessage max', `${result.maxMs} ms`],
      ['wall time', `${result.seconds} s`],
      ['CPU per answer', `${result.cpuMsPerAnswer} ms (both processes)`],
      ['load average (1 min)', `${result.loadAverage[0]} before, ${result.loadAverage[1]} after`],
    ];
    for (const [name, value] of rows) console.log(`${name.padEnd(26)} ${value}`);
    console.log(JSON.stringify(result));
    return result.answeredOnce === events && result.errors === 0 && result.p95Ms <= 1000;
  } finally {
    for (const bot of bots) await stop(bot.child);
    await fake.close();
    await admin.query('DROP DATABASE IF EXISTS brief_bench_slack WITH (FORCE)').catch(() => {});
    await admin.end();
    await cluster.stop();
  }
}

const [events = '500', concurrency = '50'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
process.exitCode = (await main(Number(events), Number(concurrency), !process.argv.includes('--no-retry')))
  ? 0
  : 1;
