/**
 * Two `brief serve` processes (the built bin, Slack in HTTP mode against one local fake Slack) on one
 * PostgreSQL database, as N processes behind a load balancer: a Slack event retried to the other process
 * is answered once, a digest due in a channel is posted once though both schedulers run, and a feed is
 * polled once per interval though both pollers run. Then SIGTERM: a process refuses new events (503, for
 * Slack to retry elsewhere) and finishes the answer, the
 * digest and the feed poll it has in flight, leaves no lease held and exits on its own (its pool closed).
 * Skipped with one line without a PostgreSQL server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { postEvent } from '../src/adapters/slack/testing/signed-request.js';
import { mentionEvent } from '../src/adapters/slack/testing/slack-payloads.js';
import { pageHtml, startFeedServer } from '../src/feeds/testing/feed-server.js';
import { openStores } from '../src/store/open-stores.js';
import { PG_POOL } from '../src/store/postgres/pg-database.js';
import { createTestDatabase, pgSkipReason } from '../src/store/postgres/testing/pg-test-database.js';
import { freePort } from '../src/test-support/free-port.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

const SECRET = 'instances-pg-secret';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

interface Serve {
  name: string;
  token: string;
  events: string;
  health: string;
  logs: LogLine[];
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(description: string, match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

const until = async (description: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Starts `brief serve` as its own process; its JSON log lines (stderr) are kept. */
async function startServe(name: string, env: Record<string, string>): Promise<Serve> {
  const port = await freePort();
  const token = `xoxb-${name}`;
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/brief.js'), 'serve'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), `brief-${name}-`)),
      BRIEF_LOG_LEVEL: 'debug',
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: LogLine[] = [];
  let buffer = '';
  child.stderr?.on('data', (chunk) => {
    buffer += String(chunk);
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 'raw', message: line });
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  cleanups.push(async () => {
    if (!gone) child.kill('SIGKILL');
    await exited;
  });
  const serve: Serve = {
    name,
    token,
    events: `http://127.0.0.1:${port}/slack/events`,
    health: `http://127.0.0.1:${port}/healthz`,
    logs,
    child,
    exited,
    async waitForLog(description, match, timeoutMs = 30_000) {
      await until(`${name}: ${description}`, () => gone || logs.some(match), timeoutMs);
      const line = logs.find(match);
      if (!line)
        throw new Error(
          `${name} exited before ${description}:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`,
        );
      return line;
    },
  };
  return serve;
}

async function healthy(serve: Serve): Promise<void> {
  await until(
    `${serve.name} healthy`,
    async () => {
      try {
        return (await fetch(serve.health)).status === 200;
      } catch {
        return false;
      }
    },
    60_000,
  );
}

/** The first of `serves` for which `wait` resolves. */
function firstOf(serves: Serve[], wait: (serve: Serve) => Promise<unknown>): Promise<Serve> {
  return Promise.race(
    serves.map(async (serve) => {
      await wait(serve);
      return serve;
    }),
  );
}

/** A promise to hold a call with, and its release. */
function gate() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
}

async function setUp(extraEnv: Record<string, string> = {}) {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  // Web API calls as they arrive, before a held one is applied and recorded in `fake.calls`.
  const arrived: { method: string; args: Record<string, unknown> }[] = [];
  const fake = await startFakeSlack({
    beforeApply(method, args) {
      arrived.push({ method, args });
      return 'apply';
    },
  });
  cleanups.push(() => fake.close());
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  cleanups.push(() => pool.end());
  const env = { DATABASE_URL: database.url, SLACK_API_URL: fake.apiUrl, ...extraEnv };
  return { database, fake, pool, env, arrived };
}

const answersIn = (fake: FakeSlack, ts: string) =>
  fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
const digestPosts = (fake: FakeSlack) =>
  fake.calls.filter(
    (c) =>
      c.method === 'chat.postMessage' &&
      (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'briefbot_digest',
  );

/** An hourly digest at this minute in channel C9, subscribed an hour ago: due at once, not again soon. */
async function subscribeDueDigest(databaseUrl: string): Promise<void> {
  const stores = await openStores({ databaseUrl, dataDir: mkdtempSync(join(tmpdir(), 'brief-sub-')) });
  try {
    const minute = new Date().getUTCMinutes();
    await stores.subscriptions.upsert(
      {
        platform: 'slack',
        workspaceId: 'T0001',
        channelId: 'C9',
        schedule: { label: `cron ${minute} * * * *`, cron: `${minute} * * * *`, timezone: 'UTC' },
        topic: null,
        quietWhenEmpty: false,
        createdBy: 'U1',
      },
      new Date(Date.now() - 3_600_000).toISOString(),
    );
  } finally {
    await stores.close();
  }
}

// Each test starts real processes (each seeds the database and starts Bolt): seconds on a loaded machine.
describe.skipIf(pgSkipReason())('two brief serve processes on one PostgreSQL', { timeout: 120_000 }, () => {
  it('answer a Slack event once when Slack retries it to the other process, or sends it to both', async () => {
    const { fake, env } = await setUp();
    const [a, b] = await Promise.all([startServe('a', env), startServe('b', env)]);
    await Promise.all([healthy(a), healthy(b)]);

    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    expect((await postEvent(a.events, SECRET, ask)).status).toBe(200);
    await fake.waitForCall(
      'the answer',
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === ask.event.ts,
    );
    expect((await postEvent(b.events, SECRET, ask, { retryNum: 1 })).status).toBe(200);
    const skipped = await b.waitForLog(
      'the retry skipped',
      (l) => l.message === 'slack event skipped' && l.eventId === ask.event_id,
    );
    expect(skipped).toMatchObject({ reason: 'duplicate', retryNum: 1 });

    // A retry that reaches the other process while the first is still answering.
    const again = mentionEvent({ text: 'What did Nvidia report?' });
    await Promise.all([
      postEvent(a.events, SECRET, again),
      postEvent(b.events, SECRET, again, { retryNum: 1 }),
    ]);
    await fake.waitForCall(
      'the second answer',
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === again.event.ts,
    );
    await Promise.race(
      [a, b].map((s) =>
        s.waitForLog(
          'the other delivery skipped',
          (l) => l.message === 'slack event skipped' && l.eventId === again.event_id,
        ),
      ),
    );
    expect(answersIn(fake, ask.event.ts)).toHaveLength(1);
    expect(answersIn(fake, again.event.ts)).toHaveLength(1);
  });

  it('post a due digest once, though both schedulers run', async () => {
    const { fake, env, pool, database } = await setUp();
    await subscribeDueDigest(database.url);
    // The first post is held until the other process has found the run taken.
    const post = gate();
    fake.script('chat.postMessage', { until: post.held });
    const [a, b] = await Promise.all([startServe('a', env), startServe('b', env)]);
    const held = (s: Serve) =>
      s.waitForLog(
        'the run held by the other',
        (l) => l.message === 'digest: run held by another instance',
        60_000,
      );
    const loser = await firstOf([a, b], held);
    const winner = loser === a ? b : a;
    post.release();
    await winner.waitForLog('the digest posted', (l) => l.message === 'digest: posted');
    await loser.waitForLog('a pass done', (l) => l.message === 'digest: pass done');
    expect(digestPosts(fake)).toHaveLength(1);
    expect(digestPosts(fake)[0]?.token).toBe(winner.token);
    const runs = await pool.query('SELECT status, attempts FROM digest_runs');
    expect(runs.rows).toEqual([{ status: 'sent', attempts: 1 }]);
    expect(winner.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(loser.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('poll a feed once per interval, though both pollers run', async () => {
    const feeds = await startFeedServer();
    cleanups.push(() => feeds.close());
    const answer = gate();
    feeds.routes.set('/wire.xml', {
      until: answer.held,
      body: `<rss version="2.0"><channel><title>Wire</title>
        <item><title>Harbour bridge reopens</title><link>${feeds.base}/bridge</link></item></channel></rss>`,
    });
    feeds.routes.set('/bridge', { type: 'text/html', body: pageHtml('Harbour bridge reopens') });
    const { env, pool } = await setUp({ BRIEF_FEEDS: `${feeds.base}/wire.xml` });
    const [a, b] = await Promise.all([startServe('a', env), startServe('b', env)]);
    // The first poller's fetch is held: the other's pass finds the feed leased and polls nothing.
    const passed = (s: Serve) =>
      s.waitForLog(
        'a pass that polled nothing',
        (l) => l.message === 'feed pass done' && l.polled === 0,
        60_000,
      );
    const loser = await firstOf([a, b], passed);
    const winner = loser === a ? b : a;
    answer.release();
    await winner.waitForLog('the poll', (l) => l.message === 'feed pass done' && l.polled === 1);
    expect([feeds.countOf('/wire.xml'), feeds.countOf('/bridge')]).toEqual([1, 1]);
    const feed = await pool.query('SELECT last_status, lease_owner, next_poll_at FROM feeds');
    expect(feed.rows).toEqual([
      { last_status: 'updated', lease_owner: null, next_poll_at: expect.any(String) },
    ]);
    const stored = await pool.query(
      "SELECT count(*)::int AS n FROM articles WHERE title = 'Harbour bridge reopens'",
    );
    expect(stored.rows[0]?.n).toBe(1);
  });
});

describe.skipIf(pgSkipReason())(
  'brief serve on PostgreSQL, stopped with SIGTERM',
  { timeout: 120_000 },
  () => {
    it('refuses new events, finishes the answer, the digest and the feed poll in flight, leaves no lease and exits on its own', async () => {
      const feeds = await startFeedServer();
      cleanups.push(() => feeds.close());
      const fetched = gate();
      feeds.routes.set('/wire.xml', {
        until: fetched.held,
        body: `<rss version="2.0"><channel><title>Wire</title>
        <item><title>Harbour bridge reopens</title><link>${feeds.base}/bridge</link></item></channel></rss>`,
      });
      feeds.routes.set('/bridge', { type: 'text/html', body: pageHtml('Harbour bridge reopens') });
      const { fake, env, pool, database, arrived } = await setUp({ BRIEF_FEEDS: `${feeds.base}/wire.xml` });
      await subscribeDueDigest(database.url);
      // Slack holds the digest's post and then the answer's, the feed server its response, until the
      // process has been told to stop; then each is let go in turn, a second apart.
      const digestPost = gate();
      const answerPost = gate();
      fake.script('chat.postMessage', { until: digestPost.held });
      const serve = await startServe('a', env);
      const postedTo = (match: (args: Record<string, unknown>) => boolean) =>
        arrived.some((c) => c.method === 'chat.postMessage' && match(c.args));
      await until('the digest post', () => postedTo((args) => args.channel === 'C9'), 60_000);
      fake.script('chat.postMessage', { until: answerPost.held });
      await healthy(serve);
      const ask = mentionEvent({ text: 'How big is the AWS deal?' });
      expect((await postEvent(serve.events, SECRET, ask)).status).toBe(200);
      await until(
        'the answer and the feed in flight',
        () => postedTo((args) => args.thread_ts === ask.event.ts) && feeds.countOf('/wire.xml') === 1,
      );

      serve.child.kill('SIGTERM');
      await serve.waitForLog('the stop', (l) => l.message === 'briefbot is stopping');
      // From the signal on, a new event is refused for Slack to retry at another process, while the
      // digest, the feed poll and the answer above still finish.
      const late = mentionEvent({ text: 'When will the capacity be deployed?' });
      expect((await postEvent(serve.events, SECRET, late)).status).toBe(503);
      // A process that did not wait for the rest would be gone (or closed its pool) within the second.
      const stillRunning = async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(serve.child.exitCode).toBeNull();
      };
      // The answer goes last: the adapter's drain is the last wait before the pool is closed.
      fetched.release();
      await until('the feed recorded', async () => {
        const { rows } = await pool.query('SELECT lease_owner FROM feeds WHERE last_status IS NOT NULL');
        return rows.length === 1;
      });
      await stillRunning();
      digestPost.release();
      await serve.waitForLog('the digest', (l) => l.message === 'digest: posted');
      await stillRunning();
      const released = Date.now();
      answerPost.release();
      expect(await serve.exited).toEqual({ code: 0, signal: null });
      // It exits by itself once the work is done: an open pool's idle connections would keep it alive for
      // PG_POOL.idleTimeoutMillis (30 s) after its last query.
      expect(Date.now() - released).toBeLessThan(PG_POOL.idleTimeoutMillis - 5_000);

      expect(answersIn(fake, ask.event.ts)).toHaveLength(1);
      expect(answersIn(fake, late.event.ts)).toHaveLength(0);
      expect(serve.logs.some((l) => l.message === 'slack answer posted' && l.ts === ask.event.ts)).toBe(true);
      const turns = await pool.query('SELECT count(*)::int AS n FROM conversation_turns');
      expect(turns.rows[0]?.n).toBe(1);
      expect(digestPosts(fake)).toHaveLength(1);
      const runs = await pool.query('SELECT status FROM digest_runs');
      expect(runs.rows).toEqual([{ status: 'sent' }]);
      const feed = await pool.query('SELECT last_status, lease_owner FROM feeds');
      expect(feed.rows).toEqual([{ last_status: 'updated', lease_owner: null }]);
      expect(serve.logs.filter((l) => l.level === 'error')).toEqual([]);
    });
  },
);
