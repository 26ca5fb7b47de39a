/**
 * @module bench/feed-origin
 * The publishers of bench/feeds.ts: N feeds of M entries with pages on one local server (ETag and
 * Last-Modified, 304s), and a switch that edits every entry of 5% of the feeds. Started in a child
 * process by default, as real publishers are not on the poller's event loop; run as a script it serves
 * over IPC (`{ edit: true }`, `{ counts: true }`).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PAGE_TEXT, startFeedServer } from '../src/feeds/testing/feed-server.js';

export interface FeedOrigin {
  base: string;
  /** Edits every entry of a different 5% of the feeds each call; returns how many entries changed. */
  edit(): Promise<number>;
  /** Requests served so far: all, and pages. */
  counts(): Promise<{ requests: number; pages: number }>;
  close(): Promise<void>;
}

const WORDS = [
  'council',
  'budget',
  'harbour',
  'bridge',
  'election',
  'transit',
  'chips',
  'energy',
  'rates',
  'drought',
];

/** The origin in this process. */
export async function startFeedOrigin(feeds: number, entries: number): Promise<FeedOrigin> {
  const server = await startFeedServer();
  const edited = new Map<string, number>();
  let round = 0;
  for (let f = 0; f < feeds; f++) {
    server.routes.set(`/f/${f}.xml`, {
      validators: true,
      body: () => {
        const items = Array.from({ length: entries }, (_, e) => {
          const id = `${f}-${e}`;
          const title = `${WORDS[(f + e) % WORDS.length]} story ${id}${edited.has(id) ? ` (updated ${edited.get(id)})` : ''}`;
          return `<item><title>${title}</title><link>${server.base}/p/${id}</link><guid isPermaLink="false">${id}</guid></item>`;
        });
        return `<rss version="2.0"><channel><title>Outlet ${f}</title>${items.join('')}</channel></rss>`;
      },
    });
    for (let e = 0; e < entries; e++) {
      const id = `${f}-${e}`;
      const word = WORDS[(f * 7 + e) % WORDS.length];
      server.routes.set(`/p/${id}`, {
        type: 'text/html',
        body: `<html><body><article><h1>Story ${id}</h1><p>${PAGE_TEXT}</p><p>The ${word} report ${id} was published today with new figures.</p><p>${PAGE_TEXT}</p></article></body></html>`,
      });
    }
  }
  return {
    base: server.base,
    async edit() {
      round++;
      let changed = 0;
      for (let f = (round - 1) % 20; f < feeds; f += 20)
        for (let e = 0; e < entries; e++, changed++) edited.set(`${f}-${e}`, round);
      return changed;
    },
    async counts() {
      return {
        requests: server.requests.length,
        pages: server.requests.filter((p) => p.startsWith('/p/')).length,
      };
    },
    close: () => server.close(),
  };
}

type Reply = { id: number; value: unknown };

/** The origin in a child process, driven over IPC. */
export async function forkFeedOrigin(feeds: number, entries: number): Promise<FeedOrigin> {
  const child = fork(fileURLToPath(import.meta.url), [String(feeds), String(entries)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, (value: unknown) => void>();
  const ready = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the feed origin stopped (exit ${code})`)));
    child.on('message', (message: Reply | { base: string }) => {
      if ('base' in message) resolve(message.base);
      else pending.get(message.id)?.(message.value);
    });
  });
  const ask = <T>(command: string) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, (value) => resolve(value as T));
      child.send({ id, command });
    });
  const base = await ready;
  return {
    base,
    edit: () => ask<number>('edit'),
    counts: () => ask<{ requests: number; pages: number }>('counts'),
    close: async () => {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const origin = await startFeedOrigin(Number(process.argv[2]), Number(process.argv[3]));
  process.on('message', async (message: { id: number; command: string }) => {
    const value = message.command === 'edit' ? await origin.edit() : await origin.counts();
    process.send?.({ id: message.id, value });
  });
  process.on('disconnect', () => void origin.close().then(() => process.exit(0)));
  process.send({ base: origin.base });
}
