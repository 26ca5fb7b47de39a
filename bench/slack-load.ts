/**
 * @module bench/slack-load
 * Load benchmark of the Slack adapter: 500 signed mention events over HTTP at concurrency 50 (at most 50
 * questions waiting for their answer) against a local Slack Web API, answered by the seeded Briefing.
 * Reports answers, errors, event → chat.postMessage latency, the bot process's CPU per answer (from
 * /proc, over the load) and the 1-minute load average before and after.
 * Run: `npx tsx bench/slack-load.ts [events] [concurrency] [--instant-core]`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../src/adapters/log/json-logger.js';
import { startSlack } from '../src/adapters/slack/index.js';
import { startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { postEvent } from '../src/adapters/slack/testing/signed-request.js';
import { mentionEvent } from '../src/adapters/slack/testing/slack-payloads.js';
import type { Logger } from '../src/core/ports.js';
import { makeAnswer } from '../src/test-support/make-answer.js';
import { createSeededBriefing } from '../src/test-support/seeded-briefing.js';
import { cpuSeconds } from './process-cpu.js';

const SECRET = 'bench-signing-secret';
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

interface BotReport {
  loggedErrors: number;
  warnings: Record<string, number>;
}

/** The bot runs in its own process, as it would on its own machine: its CPU work cannot delay "Slack". */
async function runBot(apiUrl: string, instantCore: boolean): Promise<void> {
  const seeded = await createSeededBriefing();
  const report: BotReport = { loggedErrors: 0, warnings: {} };
  const logger: Logger = {
    ...silentLogger,
    warn: (message) => {
      report.warnings[message] = (report.warnings[message] ?? 0) + 1;
    },
    error: () => {
      report.loggedErrors += 1;
    },
  };
  const briefing = instantCore
    ? { ...seeded.briefing, ask: async (question: string) => makeAnswer({ question }) }
    : seeded.briefing;
  const slack = await startSlack({
    config: {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: apiUrl,
      PORT: 0,
      BRIEF_MAX_QUESTION_CHARS: 500,
      BRIEF_RATE_LIMIT_PER_MINUTE: 10,
    },
    briefing,
    conversations: seeded.conversations,
    feedback: seeded.feedback,
    clock: { now: () => new Date() },
    logger,
  });
  process.send?.({ port: slack.port });
  process.once('message', async () => {
    await slack.stop();
    seeded.close();
    process.send?.(report, () => process.exit(0));
  });
}

async function runLoad(events: number, concurrency: number, instantCore: boolean): Promise<boolean> {
  const fake = await startFakeSlack();
  const args = ['--bot', fake.apiUrl, ...(instantCore ? ['--instant-core'] : [])];
  const bot = fork(fileURLToPath(import.meta.url), args, { execArgv: ['--import', 'tsx'] });
  const [{ port }] = (await once(bot)) as [{ port: number }];
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  const mentions = Array.from({ length: events }, (_, i) =>
    mentionEvent({ text: QUESTIONS[i % QUESTIONS.length] ?? '', user: `U${String(i).padStart(6, '0')}` }),
  );
  const sentAt = new Map<string, number>();
  let httpErrors = 0;
  let cursor = 0;
  const cpuBefore = cpuSeconds(bot.pid);
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const started = performance.now();

  // Closed loop: each worker is a person who mentions the bot and waits for the answer before asking again.
  const worker = async () => {
    for (let event = mentions[cursor++]; event; event = mentions[cursor++]) {
      const ts = event.event.ts;
      sentAt.set(ts, performance.now());
      const response = await postEvent(eventsUrl, SECRET, event).catch(() => undefined);
      if (response?.status !== 200) httpErrors += 1;
      await response?.text();
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
  const cpu = cpuSeconds(bot.pid) - cpuBefore;
  const loadAfter = loadavg()[0] ?? Number.NaN;
  bot.send('stop');
  const [botReport] = (await once(bot)) as [BotReport];

  const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
  const perThread = new Map<string, number[]>();
  for (const post of posts) {
    const ts = String(post.args.thread_ts);
    perThread.set(ts, [...(perThread.get(ts) ?? []), post.at - (sentAt.get(ts) ?? Number.NaN)]);
  }
  const latencies = [...perThread.values()].map((list) => list[0] ?? Number.NaN).sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.max(0, Math.ceil((p / 100) * latencies.length) - 1)] ?? Number.NaN;
  const failureReplies = posts.filter((p) => /^:warning:|asking faster/.test(String(p.args.text))).length;
  const result = {
    bench: 'slack-load',
    core: instantCore ? 'instant' : 'seeded',
    events,
    concurrency,
    answered: perThread.size,
    answeredOnce: [...perThread.values()].filter((list) => list.length === 1).length,
    duplicates: [...perThread.values()].filter((list) => list.length > 1).length,
    errors: httpErrors + botReport.loggedErrors + failureReplies,
    p50Ms: Math.round(percentile(50)),
    p95Ms: Math.round(percentile(95)),
    maxMs: Math.round(latencies.at(-1) ?? Number.NaN),
    seconds: Number(seconds.toFixed(2)),
    answersPerSecond: Number((perThread.size / seconds).toFixed(1)),
    cpuMsPerAnswer: Math.round((cpu * 1000) / Math.max(1, perThread.size)),
    loadAverage: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
  };
  const rows: [string, string | number][] = [
    ['core', result.core],
    ['events sent', `${events} (concurrency ${concurrency})`],
    ['answers posted', result.answered],
    ['answered exactly once', result.answeredOnce],
    ['duplicates', result.duplicates],
    [
      'errors',
      `${result.errors} (http ${httpErrors}, logged ${botReport.loggedErrors}, failure replies ${failureReplies})`,
    ],
    ['event → postMessage p50', `${result.p50Ms} ms`],
    ['event → postMessage p95', `${result.p95Ms} ms`],
    ['event → postMessage max', `${result.maxMs} ms`],
    ['wall time', `${result.seconds} s (${result.answersPerSecond} answers/s)`],
    ['CPU per answer', `${result.cpuMsPerAnswer} ms (the bot process)`],
    ['load average (1 min)', `${result.loadAverage[0]} before, ${result.loadAverage[1]} after`],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(26)} ${value}`);
  if (Object.keys(botReport.warnings).length > 0) console.log('warnings', botReport.warnings);
  console.log(JSON.stringify(result));
  await fake.close();
  return result.answeredOnce === events && result.errors === 0 && result.p95Ms <= 1000;
}

async function once(child: ChildProcess): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    child.once('message', (value) => resolve([value]));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The bot process exited early (code ${code})`)));
  });
}

const instantCore = process.argv.includes('--instant-core');
if (process.argv.includes('--bot')) {
  await runBot(process.argv[process.argv.indexOf('--bot') + 1] ?? '', instantCore);
} else {
  const [events = '500', concurrency = '50'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const ok = await runLoad(Number(events), Number(concurrency), instantCore);
  process.exitCode = ok ? 0 : 1;
}
