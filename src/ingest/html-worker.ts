/**
 * @module ingest/html-worker
 * The worker thread that reads web pages for `html-reader.ts`: Readability on linkedom, one page at a
 * time, so that a page that takes too long or too much memory can be stopped without stopping ingest.
 */
import { parentPort } from 'node:worker_threads';
import { parseHtmlArticle } from './html-article.js';

export interface HtmlJob {
  origin: string;
  html: string;
  pageUrl: string | null;
  feedOutlet: string | null;
}

export type HtmlResult =
  | { ok: true; draft: ReturnType<typeof parseHtmlArticle> }
  | { ok: false; error: string };

parentPort?.on('message', (job: HtmlJob) => {
  let result: HtmlResult;
  try {
    result = { ok: true, draft: parseHtmlArticle(job.origin, job.html, job.pageUrl, job.feedOutlet) };
  } catch (error) {
    result = { ok: false, error: (error as Error).message };
  }
  parentPort?.postMessage(result);
});
parentPort?.postMessage('ready');
