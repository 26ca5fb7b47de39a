/**
 * @module eval/rtqa/week-pool
 * Runs week evaluations on worker threads, one week per worker at a time, or in this thread when one
 * worker is asked for (the CI guard does that: vitest has no TypeScript loader for workers). Workers
 * load TypeScript through tsx's register API, as the CLI itself runs under tsx.
 */
import { Worker } from 'node:worker_threads';
import { evaluateWeek, type WeekJob, type WeekResult } from './week-evaluation.js';

export interface WeekPool {
  run(job: WeekJob): Promise<WeekResult>;
  close(): Promise<void>;
}

export function createWeekPool(workers: number): WeekPool {
  if (workers <= 1) return { run: evaluateWeek, close: async () => {} };
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./week-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  const idle: Worker[] = [];
  const waiting: ((worker: Worker) => void)[] = [];
  const all: Worker[] = [];
  for (let i = 0; i < workers; i++) {
    const worker = new Worker(boot, { eval: true });
    all.push(worker);
    idle.push(worker);
  }
  const acquire = () =>
    new Promise<Worker>((resolve) => {
      const worker = idle.pop();
      if (worker) resolve(worker);
      else waiting.push(resolve);
    });
  const release = (worker: Worker) => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  return {
    async run(job) {
      const worker = await acquire();
      try {
        return await new Promise<WeekResult>((resolve, reject) => {
          const onError = (error: Error) => {
            worker.off('message', onMessage);
            reject(error);
          };
          const onMessage = (message: { ok: true; result: WeekResult } | { ok: false; error: string }) => {
            worker.off('error', onError);
            if (message.ok) resolve(message.result);
            else reject(new Error(`week ${job.week} failed in a worker: ${message.error}`));
          };
          worker.once('message', onMessage);
          worker.once('error', onError);
          worker.postMessage(job);
        });
      } finally {
        release(worker);
      }
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
