/**
 * @module adapters/slack/check-bot-token.test
 * Start-up against a Slack that cannot be reached or rejects the token: one line naming the host or
 * the refusal, through the real Web API client, and nothing from the SDK in the log.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { checkBotToken } from './check-bot-token.js';
import { startSlack } from './start-slack.js';
import { startFakeSlack } from './testing/fake-slack-server.js';
import { createRecordingLogger } from './testing/recording-logger.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP server on 127.0.0.1 that accepts connections and does `onSocket` with them. */
async function tcpServer(onSocket: (socket: import('node:net').Socket) => void): Promise<number> {
  const server: Server = createServer(onSocket);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => sockets.add(s));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
  });
  return (server.address() as { port: number }).port;
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('checkBotToken', () => {
  it('names the host when the connection is refused', async () => {
    const port = await closedPort();
    await expect(checkBotToken('xoxb-test', `http://127.0.0.1:${port}/api/`)).rejects.toMatchObject({
      code: 'delivery',
      message: `Cannot reach Slack at 127.0.0.1:${port}: connection refused (ECONNREFUSED); check SLACK_API_URL and the network.`,
    });
  });

  it('names the host when its name does not resolve', async () => {
    const failure = checkBotToken('xoxb-test', 'http://slack.briefbot.invalid/api/');
    await expect(failure).rejects.toThrow(
      /^Cannot reach Slack at slack\.briefbot\.invalid: the name did not resolve \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });

  it('gives up after its timeout when Slack accepts the connection but never answers', async () => {
    const port = await tcpServer(() => {});
    const started = performance.now();
    await expect(checkBotToken('xoxb-test', `http://127.0.0.1:${port}/api/`, 300)).rejects.toThrow(
      `Cannot reach Slack at 127.0.0.1:${port}: no answer within 300 ms`,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('says TLS failed when the server does not speak TLS', async () => {
    const port = await tcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await expect(checkBotToken('xoxb-test', `https://127.0.0.1:${port}/api/`)).rejects.toThrow(
      `Cannot reach Slack at 127.0.0.1:${port}: TLS failed: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER); check SLACK_API_URL and the network.`,
    );
  });

  it('says Slack rejected the token on invalid_auth', async () => {
    const fake = await startFakeSlack();
    cleanups.push(() => fake.close());
    fake.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    await expect(checkBotToken('xoxb-wrong', fake.apiUrl)).rejects.toMatchObject({
      code: 'config',
      message: expect.stringMatching(/^Slack rejected SLACK_BOT_TOKEN \(invalid_auth\): copy the Bot User/),
    });
    expect(fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  it("returns the bot's ids when Slack accepts the token", async () => {
    const fake = await startFakeSlack();
    cleanups.push(() => fake.close());
    expect(await checkBotToken('xoxb-test', fake.apiUrl)).toEqual({
      botUserId: 'UBOT',
      botId: 'BBOT',
      teamId: 'T0001',
    });
  });
});

describe('startSlack against an unreachable Slack', () => {
  it('fails at once with one line and logs nothing from the SDK', async () => {
    const port = await closedPort();
    const logger = createRecordingLogger();
    const started = performance.now();
    const start = startSlack({
      config: {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: `http://127.0.0.1:${port}/api`,
        PORT: 0,
        BRIEF_MAX_QUESTION_CHARS: 500,
        BRIEF_RATE_LIMIT_PER_MINUTE: 10,
      },
      briefing: {} as never,
      conversations: {} as never,
      feedback: {} as never,
      clock: fixedClock(),
      logger,
    });
    await expect(start).rejects.toThrow(`Cannot reach Slack at 127.0.0.1:${port}: connection refused`);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(logger.entries).toEqual([]);
  });

  it('makes one auth.test, its own, and none from Bolt', async () => {
    const fake = await startFakeSlack();
    cleanups.push(() => fake.close());
    const handle = await startSlack({
      config: {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: fake.apiUrl,
        PORT: 0,
        BRIEF_MAX_QUESTION_CHARS: 500,
        BRIEF_RATE_LIMIT_PER_MINUTE: 10,
      },
      briefing: {} as never,
      conversations: {} as never,
      feedback: {} as never,
      clock: fixedClock(),
      logger: createRecordingLogger(),
    });
    cleanups.push(() => handle.stop());
    expect(fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });
});
