/**
 * @module test-support/model-briefing
 * The core with a language model, for the streaming tests (Slack's and Discord's): the seeded store
 * answered through the real OpenAI client against the local fake OpenAI server, whose stream is paced
 * as a model's would be; a scripted answer with one fabricated citation; and a clock that moves on
 * every reading, so the adapters' pacing needs no real waiting.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../adapters/log/json-logger.js';
import type { Briefing } from '../core/briefing.js';
import { createBriefing } from '../core/create-briefing.js';
import { createOpenAiAnswerModel } from '../llm/index.js';
import {
  type FakeOpenAiServer,
  type RecordedRequest,
  startFakeOpenAiServer,
} from '../llm/testing/fake-openai-server.js';
import type { fixedClock, SeededBriefing } from './seeded-briefing.js';

const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

export type SteppingClock = ReturnType<typeof fixedClock> & { elapsedMs(): number };

/** A clock that moves `stepMs` forward every time it is read. */
export function steppingClock(stepMs: number, startIso = '2026-03-02T09:00:00.000Z'): SteppingClock {
  const start = new Date(startIso).getTime();
  let now = start;
  return {
    now() {
      const reading = new Date(now);
      now += stepMs;
      return reading;
    },
    set(iso) {
      now = new Date(iso).getTime();
    },
    elapsedMs: () => now - start,
  };
}

export interface StreamingModel {
  /** The fake OpenAI server: script its replies, read what it was sent. */
  fake: FakeOpenAiServer;
  /** Where the client connects: the fake, with its stream events spread `chunkDelayMs` apart. */
  baseURL: string;
  close(): Promise<void>;
}

/**
 * The fake OpenAI server behind a proxy that passes each server-sent event on after a pause: the fake
 * writes a whole stream at once, while a model writes over seconds, which is what drafts are for.
 */
export async function startStreamingModel(chunkDelayMs: number): Promise<StreamingModel> {
  const fake = await startFakeOpenAiServer();
  const upstream = fake.baseURL.replace(/\/v1$/, '');
  const proxy = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const reply = await fetch(`${upstream}${req.url ?? ''}`, {
        method: req.method ?? 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      });
      const type = reply.headers.get('content-type') ?? 'application/json';
      res.writeHead(reply.status, { 'content-type': type });
      const text = await reply.text();
      if (!type.includes('event-stream')) return void res.end(text);
      for (const event of text.split(/(?<=\n\n)/)) {
        res.write(event);
        await sleep(chunkDelayMs);
      }
      res.end();
    })().catch(() => res.destroy());
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  return {
    fake,
    baseURL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v1`,
    async close() {
      proxy.closeAllConnections();
      proxy.close();
      await fake.close();
    },
  };
}

/**
 * A Briefing whose answers a model writes, streaming; the core paces nothing (interval 0), so only
 * the adapter bounds the drafts. Every partial text the adapter is given is pushed to `progress`.
 */
export function modelBriefing(seeded: SeededBriefing, model: StreamingModel, progress: string[]): Briefing {
  const answerModel = createOpenAiAnswerModel({
    baseURL: model.baseURL,
    model: 'test-model',
    timeoutMs: 5_000,
    maxOutputTokens: 400,
    clock: seeded.clock,
    logger: silentLogger,
    promptsDir: PROMPTS_DIR,
  });
  const inner = createBriefing({
    store: seeded.store,
    clock: seeded.clock,
    logger: silentLogger,
    answerModel,
    progressIntervalMs: 0,
  });
  return {
    ...inner,
    ask: (question, options = {}) => {
      const onProgress = options.onProgress;
      return inner.ask(question, {
        ...options,
        ...(onProgress
          ? {
              onProgress: (text: string) => {
                progress.push(text);
                onProgress(text);
              },
            }
          : {}),
      });
    },
  };
}

export const FABRICATED = 'Amazon will also buy OpenAI outright next year.';

/**
 * The model's answer to "How big is the AWS deal?": two sentences backed by quotes from the passages
 * it was sent, and a fabricated one citing a passage that does not exist.
 */
export function scriptedAnswer(request: RecordedRequest) {
  return {
    sentences: [
      { text: 'The deal is valued at $38 billion.', citations: [citationOf(request, '$38 billion')] },
      {
        text: 'OpenAI will use EC2 UltraServers built with Nvidia GPUs for training.',
        citations: [citationOf(request, 'EC2 UltraServers')],
      },
      { text: FABRICATED, citations: [{ passage: 99, quote: 'Amazon agreed to acquire OpenAI outright' }] },
    ],
    disagreement: false,
    cannot_answer: false,
  };
}

/**
 * `scriptedAnswer` with three more verified sentences before the fabricated one (sentences of the
 * passages sent, word for word): a longer stream, so that a draft is edited at least once before the
 * answer replaces it.
 */
export function longScriptedAnswer(request: RecordedRequest) {
  const short = scriptedAnswer(request);
  const used = new Set(short.sentences.map((s) => s.citations[0]?.quote));
  const more: { text: string; citations: { passage: number; quote: string }[] }[] = [];
  for (const { n, text } of sentPassages(request)) {
    const sentence = text
      .split(/(?<=[.!?])\s+|\n+/)
      .find((x) => x.length >= 40 && x.length <= 300 && !used.has(x));
    if (!sentence || more.length >= 3) continue;
    used.add(sentence);
    more.push({ text: sentence, citations: [{ passage: n, quote: sentence }] });
  }
  return { ...short, sentences: [...short.sentences.slice(0, 2), ...more, ...short.sentences.slice(2)] };
}

function sentPassages(request: RecordedRequest): { n: number; text: string }[] {
  const user = request.body.messages.find((m: { role: string }) => m.role === 'user').content as string;
  return [...user.matchAll(/<passage n="(\d+)"[^>]*>\nTitle: [^\n]*\n([\s\S]*?)\n<\/passage>/g)].map((m) => ({
    n: Number(m[1]),
    text: m[2] ?? '',
  }));
}

/** A citation of the whole sentence holding `needle`, in the passage the model was sent. */
export function citationOf(request: RecordedRequest, needle: string): { passage: number; quote: string } {
  for (const { n, text } of sentPassages(request)) {
    const sentence = text.split(/(?<=[.!?])\s+|\n+/).find((s) => s.includes(needle));
    if (sentence) return { passage: n, quote: sentence };
  }
  throw new Error(`no passage sent holds ${needle}`);
}
