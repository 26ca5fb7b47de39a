import { afterEach, describe, expect, it } from 'vitest';
import { AnswerModelError } from '../core/answer-model.js';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.js';
import { fakeEmbedding } from './testing/fake-embedding.js';
import {
  type FakeOpenAiOptions,
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from './testing/fake-openai-server.js';
import { createRecordingLogger } from './testing/recording-logger.js';

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(overrides: Partial<OpenAiEmbedderOptions> = {}, fake: FakeOpenAiOptions = {}) {
  server = await startFakeOpenAiServer({ dimensions: 16, ...fake });
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
  it('asks for floats and returns the vectors in input order', async () => {
    const { server, embedder } = await setup();
    const vectors = await embedder.embed(['AWS deal', 'Nvidia chips']);
    expect(server.requests[0]?.body.encoding_format).toBe('float');
    expect(vectors).toHaveLength(2);
    expect(Array.from(vectors[0] as Float32Array)).toEqual(
      Array.from(Float32Array.from(fakeEmbedding('AWS deal', 16))),
    );
  });

  it('reads floats from a server that ignores encoding_format (Ollama, LM Studio)', async () => {
    const { server, embedder } = await setup({}, { embeddingFormat: 'float' });
    const [vector] = await embedder.embed(['Nvidia chips']);
    expect(server.requests[0]?.body.encoding_format).toBe('float');
    expect(Array.from(vector as Float32Array)).toEqual(
      Array.from(Float32Array.from(fakeEmbedding('Nvidia chips', 16))),
    );
  });

  it('decodes base64 from a server that sends it although floats were asked for', async () => {
    const { embedder } = await setup({}, { embeddingFormat: 'base64' });
    const [vector] = await embedder.embed(['Nvidia chips']);
    expect(Array.from(vector as Float32Array)).toEqual(
      Array.from(Float32Array.from(fakeEmbedding('Nvidia chips', 16))),
    );
  });

  it('refuses vectors that are all zeros, not finite, or of uneven width, without retrying', async () => {
    const { server, embedder, waits } = await setup();
    server.queueEmbeddings(
      { vectors: [[0, 0, 0, 0]] },
      {
        vectors: [
          [1, 2],
          [1, 2, 3],
        ],
      },
      // JSON has no NaN: a huge number overflows float32 to Infinity.
      { vectors: [[1, 1e39]] },
    );
    await expect(embedder.embed(['a'])).rejects.toThrow(/all zeros/);
    await expect(embedder.embed(['a', 'b'])).rejects.toThrow(/3 dimensions where 2/);
    await expect(embedder.embed(['a'])).rejects.toThrow(/not finite/);
    expect(waits).toEqual([]);
  });

  it("refuses a width other than the stored index's, and then the first reply's", async () => {
    const stored = await setup({ dimensions: () => 32 });
    await expect(stored.embedder.embed(['AWS deal'])).rejects.toMatchObject({ reason: 'malformed' });
    await server?.close();
    const { server: fresh, embedder } = await setup();
    await embedder.embed(['AWS deal']);
    fresh.queueEmbeddings({ vectors: [[1, 2, 3]] });
    await expect(embedder.embed(['Nvidia chips'])).rejects.toThrow(/3 dimensions where 16/);
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
