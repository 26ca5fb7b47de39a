/**
 * @module probe/digest-kill
 * Section "digest-kill": kill -9 around digest delivery. Each run gives a real `brief serve` child (HTTP
 * mode, its own data folder with the seeds) a digest due now, against a local fake Slack that kills the
 * child at the post: right after Slack accepted it (before the child can record it), after a random
 * 0-300 ms, or as the request arrives (Slack never gets it). A second child is started at once over the
 * same folder. Counted per run: the digest's posts in the channel (2 or more is a duplicate, 0 a loss)
 * and, from the kill, how long until the run was settled (posted by the restarted child, or found and
 * recorded as sent). Targets (issue 13): 0 duplicates over 20 runs, each late post within 60 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { openSqliteDatabase } from '../src/store/sqlite/sqlite-article-store.js';
import { createSqliteSubscriptionStore } from '../src/store/sqlite/sqlite-subscription-store.js';
import { freePort } from '../src/test-support/free-port.js';
import { REPO_ROOT, runBrief } from './brief-child.js';
import { ensureBuilt } from './build.js';
import type { ProbeRunner } from './section.js';

const CHANNEL = 'C0PROBE';
const LATE_LIMIT_MS = 60_000;
/** A run not settled this long after the kill counts as lost. */
const GIVE_UP_MS = 120_000;
type KillPoint = 'accepted' | 'accepted+delay' | 'not-accepted';
const KILL_POINTS: KillPoint[] = ['accepted', 'not-accepted', 'accepted+delay'];

interface RunResult {
  killPoint: KillPoint;
  posts: number;
  /** From the kill to the run settled ('sent' in the ledger), or null when it never was. */
  settledMs: number | null;
  /** The restarted child posted it (the first post never reached Slack, or was not found). */
  repostedMs: number | null;
  status: string | null;
  /** The first child had recorded it as sent before the kill landed. */
  recordedBeforeKill: boolean;
  notices: number;
}

export const runDigestKill: ProbeRunner = async ({ quick, workDir, log }) => {
  ensureBuilt(log);
  const template = join(workDir, 'template');
  cpSync(join(REPO_ROOT, 'seeds'), join(workDir, 'seeds'), { recursive: true });
  const ingest = await runBrief(['ingest', 'seeds', '--json'], { cwd: workDir, dataDir: template });
  if (ingest.code !== 0) throw new Error(`the seed ingest failed: ${ingest.stderr || ingest.stdout}`);
  const runs = quick ? 3 : 20;
  const parallel = quick ? 3 : 4;
  const results: RunResult[] = [];
  for (let first = 0; first < runs; first += parallel) {
    const batch = Array.from({ length: Math.min(parallel, runs - first) }, (_, k) => first + k);
    const done = await Promise.all(
      batch.map((i) => oneRun(workDir, template, i, KILL_POINTS[i % KILL_POINTS.length] as KillPoint)),
    );
    for (const [k, r] of done.entries()) {
      log(
        `run ${batch[k]}: killed ${r.killPoint}; ${r.posts} post(s); settled ${r.settledMs === null ? 'never' : `${(r.settledMs / 1000).toFixed(1)} s`} after the kill (${r.status})`,
      );
    }
    results.push(...done);
  }
  const duplicated = results.reduce((n, r) => n + Math.max(0, r.posts - 1), 0);
  const lost = results.filter((r) => r.posts === 0 || r.settledMs === null).length;
  const reposted = results.filter((r) => r.repostedMs !== null).map((r) => r.repostedMs as number);
  const worstLate = Math.max(0, ...reposted);
  const worstSettled = Math.max(0, ...results.map((r) => r.settledMs ?? GIVE_UP_MS));
  const count = (p: (r: RunResult) => boolean) => results.filter(p).length;
  return {
    name: 'kill -9 around digest delivery',
    tried: results.length,
    outcomes: {
      'recorded as sent before the kill landed': count((r) => r.recordedBeforeKill),
      'accepted, found after restart, not posted again': count(
        (r) => !r.recordedBeforeKill && r.killPoint !== 'not-accepted' && r.repostedMs === null,
      ),
      'not accepted, posted after restart': count((r) => r.repostedMs !== null),
      'failure notices': results.reduce((n, r) => n + r.notices, 0),
    },
    lost,
    duplicated,
    targets: [
      {
        target: `0 duplicate posts over ${results.length} kill -9 runs around delivery`,
        met: duplicated === 0 && lost === 0,
        measured: `${duplicated} duplicated, ${lost} lost`,
      },
      {
        target: 'each late post within 60 s of the kill',
        met: reposted.length > 0 && worstLate <= LATE_LIMIT_MS,
        measured: `${reposted.length} late posts, slowest ${(worstLate / 1000).toFixed(1)} s`,
      },
    ],
    notes: [
      `kill points: ${KILL_POINTS.map((p) => `${p} ${count((r) => r.killPoint === p)}`).join(', ')}`,
      `slowest run settled (posted, or found and recorded as sent) ${(worstSettled / 1000).toFixed(1)} s after the kill`,
    ],
  };
};

async function oneRun(
  workDir: string,
  template: string,
  i: number,
  killPoint: KillPoint,
): Promise<RunResult> {
  const dataDir = join(workDir, `run-${i}`);
  cpSync(template, dataDir, { recursive: true });
  const slot = await dueNow(dataDir);
  let child: ChildProcess | null = null;
  let killedAt = 0;
  let repostedAt: number | null = null;
  let firstSeen = false;
  const kill = () => {
    if (killedAt) return;
    killedAt = performance.now();
    child?.kill('SIGKILL');
  };
  // The first message of a digest (a long one is split; each part carries its place in the metadata).
  const isDigest = (method: string, args: Record<string, unknown>) =>
    method === 'chat.postMessage' &&
    args.channel === CHANNEL &&
    (args.metadata as { event_payload?: { part?: unknown } } | undefined)?.event_payload?.part === 1;
  const slack = await startFakeSlack({
    beforeApply(method, args) {
      if (!isDigest(method, args) || firstSeen || killPoint !== 'not-accepted') return 'apply';
      firstSeen = true;
      kill();
      return 'drop';
    },
    afterAnswer(method, args) {
      if (!isDigest(method, args)) return;
      if (!firstSeen) {
        firstSeen = true;
        if (killPoint === 'accepted') kill();
        else setTimeout(kill, Math.floor(Math.random() * 300));
      } else if (killedAt && repostedAt === null) repostedAt = performance.now();
    },
  });
  try {
    child = await serve(dataDir, slack.apiUrl);
    await until(() => killedAt > 0, 60_000);
    await exited(child);
    const recordedBeforeKill = runStatus(dataDir, slot) === 'sent';
    const restarted = await serve(dataDir, slack.apiUrl);
    const status = () => runStatus(dataDir, slot);
    await until(() => status() === 'sent' || status() === 'failed', GIVE_UP_MS);
    const settledAt = performance.now();
    const settled = status() === 'sent' ? settledAt - killedAt : null;
    // Anything that would come twice comes at the takeover: give it a moment more to show up.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    restarted.kill('SIGTERM');
    await exited(restarted);
    const posts = slack.calls.filter((c) => isDigest(c.method, c.args)).length;
    const notices = slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.args.channel !== CHANNEL,
    ).length;
    return {
      killPoint,
      posts,
      settledMs: settled,
      repostedMs: repostedAt === null ? null : repostedAt - killedAt,
      status: status(),
      recordedBeforeKill,
      notices,
    };
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await slack.close();
  }
}

/** Subscribes the probe's channel to a daily digest at this very minute (UTC); returns that slot. */
async function dueNow(dataDir: string): Promise<string> {
  const now = new Date();
  const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const db = openSqliteDatabase(join(dataDir, 'briefbot.sqlite'));
  const cron = `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
  const draft = {
    platform: 'slack' as const,
    workspaceId: 'T0001',
    channelId: CHANNEL,
    schedule: { label: `daily ${cron}`, cron, timezone: 'UTC' },
    topic: null,
    quietWhenEmpty: false,
    createdBy: 'UPROBE',
  };
  await createSqliteSubscriptionStore(db).upsert(draft, new Date(slot.getTime() - 60_000).toISOString());
  db.close();
  return slot.toISOString();
}

function runStatus(dataDir: string, slot: string): string | null {
  const db = new Database(join(dataDir, 'briefbot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT status FROM digest_runs WHERE scheduled_for = ?').get(slot) as
      | { status: string }
      | undefined;
    return row?.status ?? null;
  } finally {
    db.close();
  }
}

async function serve(dataDir: string, apiUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [`${REPO_ROOT}bin/brief.js`, 'serve'], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      BRIEF_DATA_DIR: dataDir,
      BRIEF_LOG_LEVEL: 'error',
      SLACK_BOT_TOKEN: 'xoxb-probe',
      SLACK_SIGNING_SECRET: 'probe-secret',
      SLACK_API_URL: apiUrl,
      PORT: String(await freePort()),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!done() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 200));
}
