/**
 * `brief serve` on PostgreSQL through the composition root: Slack in HTTP mode answers a signed
 * mention from the seeds, /healthz reports the database (503 while it refuses connections, 200 again
 * after), and shutdown stops it cleanly. Skipped with one line without a PostgreSQL server.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { postEvent } from '../src/adapters/slack/testing/signed-request.js';
import { mentionEvent } from '../src/adapters/slack/testing/slack-payloads.js';
import { createTestDatabase, pgSkipReason } from '../src/store/postgres/testing/pg-test-database.js';
import { freePort } from '../src/test-support/free-port.js';
import { healthzBecomes, serveInProcess } from './support/serve-in-process.js';

const SECRET = 'serve-pg-secret';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(pgSkipReason())('brief serve on PostgreSQL', () => {
  it('answers a mention, reports the database on /healthz, and stops on shutdown', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const port = await freePort();
    const { running, stop } = serveInProcess(
      {
        DATABASE_URL: database.url,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      },
      'brief-serve-pg-',
    );
    const health = `http://127.0.0.1:${port}/healthz`;
    expect(await healthzBecomes(health, 200)).toEqual({ ok: true });
    const event = mentionEvent({ text: 'How much is the AWS deal worth?' });
    await postEvent(`http://127.0.0.1:${port}/slack/events`, SECRET, event);
    const posted = await slack.waitForCall(
      'the answer',
      (c) => c.method === 'chat.postMessage' && /38 billion/.test(JSON.stringify(c.args)),
    );
    expect(posted.args.thread_ts).toBe(event.event.ts);

    // The database stops taking connections: the process is not healthy, and says why.
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: database.url.replace(`/${name}`, '/postgres') });
    await admin.connect();
    cleanups.push(() => admin.end());
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    const down = await healthzBecomes(health, 503);
    expect(down.ok).toBe(false);
    expect(String(down.error)).toMatch(/^database: /);
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    expect(await healthzBecomes(health, 200)).toEqual({ ok: true });

    stop();
    expect(await running).toBe(0);
  });
});
