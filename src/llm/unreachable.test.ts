import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerModelError, fallbackNote, type ModelAnswerRequest } from '../core/answer-model.js';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { createOpenAiAnswerModel } from './openai-answer-model.js';
import { createRecordingLogger } from './testing/recording-logger.js';

const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));
const REQUEST: ModelAnswerRequest = {
  question: 'How much is the deal worth?',
  history: [],
  now: '2026-03-02T09:00:00.000Z',
  passages: [{ n: 1, title: 'Deal', source: null, publishedAt: null, text: 'A $38 billion deal.' }],
};

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

/** A TCP server on 127.0.0.1 that does `onSocket` with each connection; returns its port. */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const port = await tcpServer(() => {});
  const server = servers.pop();
  await new Promise((resolve) => server?.close(resolve));
  return port;
}

async function failureOf(baseURL: string, timeoutMs = 5000): Promise<AnswerModelError> {
  const model = createOpenAiAnswerModel({
    baseURL,
    model: 'test-model',
    timeoutMs,
    maxOutputTokens: 100,
    clock: fixedClock(),
    logger: createRecordingLogger(),
    promptsDir: PROMPTS_DIR,
  });
  const error = await model.answer(REQUEST).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AnswerModelError))
    throw new Error(`expected an AnswerModelError, got ${String(error)}`);
  return error;
}

describe('a model server that cannot be reached', () => {
  it('is named by host with "connection refused" when nothing listens on its port', async () => {
    const port = await closedPort();
    const error = await failureOf(`http://127.0.0.1:${port}/v1`);
    expect(error.reason).toBe('unavailable');
    expect(fallbackNote(error, false)).toBe(
      `The model server at 127.0.0.1:${port} cannot be reached (connection refused); this answer is quoted from the articles.`,
    );
  });

  it('says TLS failed when an https URL reaches a server that does not speak TLS', async () => {
    const port = await tcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const error = await failureOf(`https://127.0.0.1:${port}/v1`);
    expect(error.told).toMatch(
      new RegExp(`^The model server at 127\\.0\\.0\\.1:${port} cannot be reached \\(TLS failed: \\w+\\)$`),
    );
  });

  it('says the name does not resolve for a host DNS does not know', async () => {
    const error = await failureOf('http://briefbot-model.invalid:11434/v1');
    expect(error.told).toBe(
      'The model server at briefbot-model.invalid:11434 cannot be reached (DNS: the name does not resolve)',
    );
  });

  it('names the host of a server that accepts the connection and never answers', async () => {
    const port = await tcpServer(() => {});
    const error = await failureOf(`http://127.0.0.1:${port}/v1`, 200);
    expect(error.reason).toBe('timeout');
    expect(fallbackNote(error, true)).toBe(
      `The model server at 127.0.0.1:${port} did not answer in time; the articles were searched without it.`,
    );
  });
});
