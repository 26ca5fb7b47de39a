import { afterEach, describe, expect, it } from 'vitest';
import { AnswerModelError } from '../core/answer-model.js';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.js';
import { fakeEmbedding } from './testing/fake-embedding.js';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './testing/fake-openai-server.js';
import { createRecordingLogger } from './testing/recording-logger.js';

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(overrides: Partial<OpenAiEmbedderOptions> = {}) {
  server = await startFakeOpenAiServer({ dimensions: 16 });
  const waits: number[] = [];
  const embedder = createOpenAiEmbedder({
    baseURL: server.baseURL,
    model: 'test-embed',
    timeoutMs: 2000,
    clock: fixedClock(),
    logger: createRecordingLogger(),
    sleep: async (ms) => void waits.push(ms),
    ...overrides,
  });
  return { server, embedder, waits };
}

describe('createOpenAiEmbedder', () => {
  it('asks for base64 by default and decodes the float32 vectors in input order', async () => {
    const { server, embedder } = await setup();
    const vectors = await embedder.embed(['AWS deal', 'Nvidia chips']);
    expect(server.requests[0]?.body.encoding_format).toBe('base64');
    expect(vectors).toHaveLength(2);
    expect(Array.from(vectors[0] as Float32Array)).toEqual(
      Array.from(Float32Array.from(fakeEmbedding('AWS deal', 16))),
    );
  });

  it('reads plain float arrays from servers that only send floats', async () => {
    const { server, embedder } = await setup({ encodingFormat: 'float' });
    const [vector] = await embedder.embed(['Nvidia chips']);
    expect(server.requests[0]?.body.encoding_format).toBe('float');
    expect(Array.from(vector as Float32Array)).toEqual(
      Array.from(Float32Array.from(fakeEmbedding('Nvidia chips', 16))),
    );
  });

  it('retries a batch after 429 and 500 with growing waits, honouring Retry-After', async () => {
    const { server, embedder, waits } = await setup({ baseDelayMs: 100 });
    server.queueEmbeddings(
      { status: 429, message: 'slow down', headers: { 'retry-after': '3' } },
      { status: 500, message: 'boom' },
    );
    const vectors = await embedder.embed(['AWS deal']);
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
    expect(waits[0]).toBe(3000);
    expect(waits[1]).toBeGreaterThanOrEqual(150);
    expect(waits[1]).toBeLessThanOrEqual(250);
  });

  it('gives up after its retries, then pauses embedding (circuit open) without calling the server', async () => {
    const { server, embedder, waits } = await setup({ retries: 2 });
    server.queueEmbeddings({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(embedder.embed(['a'])).rejects.toMatchObject({ reason: 'unavailable' });
    expect(waits).toHaveLength(2);
    await expect(embedder.embed(['a'])).rejects.toMatchObject({ reason: 'circuit_open' });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry what cannot succeed', async () => {
    const { server, embedder, waits } = await setup();
    server.queueEmbeddings({ status: 400, message: 'unknown model' });
    const error = await embedder.embed(['a']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerModelError);
    expect((error as AnswerModelError).reason).toBe('rejected');
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('tries a query embedding once when asked to', async () => {
    const { server, embedder } = await setup();
    server.queueEmbeddings({ status: 500 });
    await expect(embedder.embed(['a'], { retries: 0 })).rejects.toMatchObject({ reason: 'unavailable' });
    expect(server.requests).toHaveLength(1);
  });
});
