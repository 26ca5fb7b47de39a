/**
 * @module eval/rtqa/week-worker
 * Worker-thread entry: evaluates each week it is sent and posts the result back. Each worker has its
 * own stores and peer indexes, so weeks run side by side on separate cores.
 */
import { parentPort } from 'node:worker_threads';
import { evaluateWeek, type WeekJob } from './week-evaluation.js';

const port = parentPort;
if (!port) throw new Error('week-worker.ts runs only as a worker thread');
port.on('message', (job: WeekJob) => {
  evaluateWeek(job).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
