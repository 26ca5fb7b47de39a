/**
 * @module probe/slack-wire
 * Section "slack-wire": a real `brief serve` in Slack HTTP mode (against a local fake Slack) gets the
 * hostile and odd requests Slack's wire allows (signed bodies that are not objects, events with missing
 * or wrong-typed fields, bad and out-of-window signatures, oversize bodies, retries), each followed by a
 * health check. Targets: the process never exits, and every genuine mention is answered exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { postEvent, signedPost } from '../src/adapters/slack/testing/signed-request.js';
import { mentionEvent, slashCommand } from '../src/adapters/slack/testing/slack-payloads.js';
import { REPO_ROOT } from './brief-child.js';
import { ensureBuilt } from './build.js';
import type { ProbeRunner } from './section.js';

const SECRET = 'probe-signing-secret';
const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';

interface WireCase {
  name: string;
  send: (url: string) => Promise<Response>;
  /** The event ts of a genuine mention that must be answered once. */
  answers?: string;
  /** The ts of the mention inside an odd event: nothing may be posted for it if the request is refused. */
  ts?: string;
}

function withMention(make: (mention: ReturnType<typeof mentionEvent>) => WireCase['send']) {
  const mention = mentionEvent({ text: 'How big is the AWS deal?' });
  return { ts: mention.event.ts, send: make(mention) };
}

function cases(responseUrl: string): WireCase[] {
  const raw = (name: string, body: string, type = JSON_TYPE): WireCase => ({
    name,
    send: (url) => signedPost(url, SECRET, body, type, {}),
  });
  const event = (name: string, patch: (e: ReturnType<typeof mentionEvent>) => unknown): WireCase => ({
    name,
    ...withMention((mention) => (url) => postEvent(url, SECRET, patch(mention))),
  });
  const genuine = (name: string, options: { skewSeconds?: number } = {}): WireCase => {
    const mention = mentionEvent({ text: 'How big is the AWS deal?' });
    return { name, answers: mention.event.ts, send: (url) => postEvent(url, SECRET, mention, options) };
  };
  const retried = mentionEvent({ text: 'Who is the CEO of AWS?' });
  return [
    genuine('a genuine mention'),
    raw('signed null body', 'null'),
    raw('signed array body', '[]'),
    raw('signed number body', '3'),
    raw('signed string body', '"hello"'),
    raw('signed true body', 'true'),
    raw('signed empty object', '{}'),
    raw('malformed JSON', '{"type":'),
    raw('empty body', ''),
    raw('form payload null', 'payload=null', FORM),
    raw('form payload array', 'payload=%5B%5D', FORM),
    raw('form payload malformed', 'payload=%7B', FORM),
    event('event null', (e) => ({ ...e, event: null })),
    event('event empty', (e) => ({ ...e, event: {} })),
    event('event text null', (e) => ({ ...e, event: { ...e.event, text: null } })),
    event('event text number', (e) => ({ ...e, event: { ...e.event, text: 42 } })),
    event('event without channel', (e) => ({ ...e, event: { ...e.event, channel: undefined } })),
    event('event with 200 KB text', (e) => ({ ...e, event: { ...e.event, text: 'x '.repeat(100_000) } })),
    event('event type unknown', (e) => ({ ...e, event: { ...e.event, type: 'no_such_event' } })),
    event('event_id a number', (e) => ({ ...e, event_id: 7 })),
    raw('url_verification without challenge', '{"type":"url_verification"}'),
    {
      name: 'unsigned ssl_check',
      send: (url) =>
        fetch(url, { method: 'POST', headers: { 'content-type': FORM }, body: 'ssl_check=1&token=x' }),
    },
    {
      name: 'bad signature',
      ...withMention((m) => (url) => postEvent(url, SECRET, m, { signWith: 'wrong' })),
    },
    {
      name: 'no signature headers',
      send: (url) =>
        fetch(url, { method: 'POST', headers: { 'content-type': JSON_TYPE }, body: '{"type":"x"}' }),
    },
    {
      name: 'timestamp 10 minutes ahead',
      ...withMention((m) => (url) => postEvent(url, SECRET, m, { skewSeconds: 600 })),
    },
    {
      name: 'timestamp 10 minutes old',
      ...withMention((m) => (url) => postEvent(url, SECRET, m, { skewSeconds: -600 })),
    },
    raw('body over 4 MB', JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(4_300_000) })),
    raw('slash command without text', new URLSearchParams({ command: '/brief' }).toString(), FORM),
    raw(
      'slash command with 50 KB text',
      new URLSearchParams(slashCommand('a'.repeat(50_000), responseUrl)).toString(),
      FORM,
    ),
    raw('block_actions without actions', `payload=${encodeURIComponent('{"type":"block_actions"}')}`, FORM),
    { name: 'GET on the events path', send: (url) => fetch(url) },
    {
      name: 'first delivery of an event',
      answers: retried.event.ts,
      send: (url) => postEvent(url, SECRET, retried),
    },
    { name: 'Slack retry of that event', send: (url) => postEvent(url, SECRET, retried, { retryNum: 1 }) },
    genuine('a genuine mention stamped 4 minutes ahead', { skewSeconds: 240 }),
    genuine('a genuine mention at the end'),
  ];
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function healthy(origin: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${origin}/healthz`)).status === 200) return true;
    } catch {
      // not listening (yet, or any more)
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export const runSlackWire: ProbeRunner = async ({ workDir, log }) => {
  ensureBuilt(log);
  const fake = await startFakeSlack();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [`${REPO_ROOT}bin/brief.js`, 'serve'], {
    cwd: workDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      BRIEF_DATA_DIR: `${workDir}/data`,
      BRIEF_LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: 'xoxb-probe',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const outcomes: Record<string, number> = {};
  const notes: string[] = [];
  const list = cases(fake.responseUrl('probe'));
  let exits = 0;
  const refusedTs: string[] = [];
  const oddTs: string[] = [];
  try {
    if (!(await healthy(origin, 60_000))) throw new Error(`brief serve did not start: ${stderr.join('')}`);
    for (const wire of list) {
      const status = await wire.send(`${origin}/slack/events`).then(
        (r) => r.status,
        () => 0,
      );
      const key = status === 0 ? 'no response' : `${Math.floor(status / 100)}xx`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (!(await healthy(origin, 5_000)) || exited !== undefined) {
        exits += 1;
        notes.push(`${wire.name}: the process ${exited ?? 'stopped answering'}`);
        break;
      }
      if (status >= 500 || status === 0) notes.push(`${wire.name}: HTTP ${status}`);
      if (wire.ts !== undefined) (status >= 400 ? refusedTs : oddTs).push(wire.ts);
    }
    const expected = list.flatMap((c) => (c.answers ? [c.answers] : []));
    await Promise.all(
      expected.map((ts) =>
        fake
          .waitForCall(
            `answer to ${ts}`,
            (c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts,
            30_000,
          )
          .catch(() => undefined),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // late duplicates
    const answersTo = (ts: string) =>
      fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts).length;
    const counts = expected.map(answersTo);
    const duplicated = counts.filter((n) => n > 1).length;
    const unanswered = counts.filter((n) => n === 0).length;
    const otherPosts = refusedTs.map(answersTo).reduce((a, b) => a + b, 0);
    outcomes['genuine answered once'] = counts.filter((n) => n === 1).length;
    outcomes['odd signed events replied to'] = oddTs.filter((ts) => answersTo(ts) > 0).length;
    return {
      name: 'Slack wire cases against brief serve (HTTP mode)',
      tried: list.length,
      outcomes,
      lost: unanswered,
      duplicated,
      targets: [
        { target: '0 process exits from any request', met: exits === 0, measured: `${exits} exits` },
        {
          target: 'every genuine mention answered exactly once (a Slack retry included)',
          met: duplicated === 0 && unanswered === 0,
          measured: `${counts.filter((n) => n === 1).length} of ${expected.length} once`,
        },
        {
          target: 'nothing posted for a refused request',
          met: otherPosts === 0,
          measured: `${otherPosts} posts`,
        },
      ],
      notes,
    };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (exited === undefined) child.kill('SIGKILL');
    await fake.close();
  }
};
