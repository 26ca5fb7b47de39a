/**
 * @module ingest/html-reader
 * Reads web pages in a worker thread with a deadline and a memory cap: a page that holds the parser
 * longer (or needs more) is stopped and reported, and the next page gets a fresh worker. The worker
 * starts at the first page, so text and JSON ingest never pay for it.
 */
import { Worker } from 'node:worker_threads';
import type { ArticleDraft } from '../core/article.js';
import { IngestError } from '../core/errors.js';
import type { HtmlJob, HtmlResult } from './html-worker.js';

/**
 * Limits of one page's reading. The slowest real page of realpages-dev reads in well under a second,
 * a 3.7 MB page of 20,000 paragraphs in about 1.9 s; every hostile file must be answered within 5 s.
 */
export const HTML_READING = {
  /** Time to read one page, from when the worker takes it (start-up and storing take up to 2 s more). */
  deadlineMs: 2_500,
  /** The worker's heap: linkedom's tree of a 5 MB page fits with room to spare. */
  maxHeapMb: 256,
};

export interface HtmlReader {
  /** `parseHtmlArticle` in the worker; rejects with an IngestError naming `origin`. */
  read(job: HtmlJob): Promise<ArticleDraft>;
  /** Stops the worker (if one was started). */
  close(): Promise<void>;
}

/**
 * `pause`, when given, is awaited before each page is handed to the worker (in its turn), so that a
 * queue of pages waits while chat is answering instead of taking a core from the answer.
 */
export function createHtmlReader(
  limits: Partial<typeof HTML_READING> = {},
  pause?: () => Promise<void>,
): HtmlReader {
  const { deadlineMs, maxHeapMb } = { ...HTML_READING, ...limits };
  let worker: Promise<Worker> | null = null;
  // One page at a time: the deadline counts the reading of a page, not its wait behind others.
  let queue: Promise<unknown> = Promise.resolve();

  const discard = (stopped: Worker) => {
    worker = null;
    void stopped.terminate();
  };

  const run = async (job: HtmlJob): Promise<ArticleDraft> => {
    worker ??= startWorker(maxHeapMb);
    let current: Worker;
    try {
      current = await worker;
    } catch (error) {
      worker = null;
      throw new IngestError(job.origin, `could not start the page reader: ${(error as Error).message}`);
    }
    current.ref();
    try {
      return await new Promise<ArticleDraft>((resolve, reject) => {
        const fail = (message: string) => {
          cleanup();
          discard(current);
          reject(new IngestError(job.origin, message));
        };
        const timer = setTimeout(
          () =>
            fail(
              `the page took more than ${deadlineMs / 1000} s to read: stopped (too large or too complex)`,
            ),
          deadlineMs,
        );
        const onMessage = (result: HtmlResult) => {
          cleanup();
          if (result.ok) resolve(result.draft);
          else reject(new IngestError(job.origin, result.error));
        };
        const onError = (error: Error & { code?: string }) =>
          fail(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `the page needs more than ${maxHeapMb} MB to read: stopped`
              : `could not read the page: ${error.message}`,
          );
        const onExit = (code: number) =>
          fail(`could not read the page: the reader stopped (exit code ${code})`);
        const cleanup = () => {
          clearTimeout(timer);
          current.off('message', onMessage);
          current.off('error', onError);
          current.off('exit', onExit);
        };
        current.on('message', onMessage);
        current.on('error', onError);
        current.on('exit', onExit);
        current.postMessage(job);
      });
    } finally {
      // An idle worker must not keep a finished `brief ingest` alive.
      current.unref();
    }
  };

  return {
    read(job) {
      const result = queue.then(async () => {
        await pause?.();
        return run(job);
      });
      queue = result.catch(() => {});
      return result;
    },
    async close() {
      const started = worker;
      worker = null;
      if (started) await (await started.catch(() => null))?.terminate();
    },
  };
}

/**
 * The compiled worker beside this file; from the TypeScript sources (tests, `npm run bench` under tsx)
 * the worker registers tsx's loader before importing the .ts module.
 */
function startWorker(maxHeapMb: number): Promise<Worker> {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './html-worker.ts' : './html-worker.js', import.meta.url);
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  const worker = fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true, resourceLimits },
      )
    : new Worker(entry, { resourceLimits });
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    const onExit = (code: number) =>
      reject(new Error(`the page reader stopped at start (exit code ${code})`));
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.once('message', (message: unknown) => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (message === 'ready') resolve(worker);
      else reject(new Error('the page reader did not start'));
    });
  });
}
