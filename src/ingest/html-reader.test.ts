import { afterAll, describe, expect, it } from 'vitest';
import { createHtmlReader } from './html-reader.js';

const PARAGRAPH = `<p>${'The harbour reopened on Thursday after repairs to the main pier. '.repeat(6)}</p>`;
const job = (html: string) => ({
  origin: 'page.html',
  html,
  pageUrl: 'https://news.example/a',
  feedOutlet: null,
});

describe('createHtmlReader', () => {
  const reader = createHtmlReader();
  afterAll(() => reader.close());

  it('reads pages in its worker, one after another, and reports a bad one with its reason', async () => {
    const pages = await Promise.allSettled([
      reader.read(job(`<html><head><title>Harbour</title></head><body>${PARAGRAPH}</body></html>`)),
      reader.read(job('<!-- nothing -->')),
      reader.read(job(`<html><body>${PARAGRAPH.replace('harbour', 'ferry')}</body></html>`)),
    ]);
    expect(
      pages.map((p) => (p.status === 'fulfilled' ? p.value.title : (p.reason as Error).message)),
    ).toEqual(['Harbour', 'empty page: no text in it', expect.stringMatching(/^The ferry reopened/)]);
    expect(pages[1]).toMatchObject({ reason: { origin: 'page.html' } });
  });

  it('stops a page past its deadline, and starts a new worker for the next', async () => {
    const hasty = createHtmlReader({ deadlineMs: 1 });
    const big = `<html><body>${PARAGRAPH.repeat(3000)}</body></html>`;
    await expect(hasty.read(job(big))).rejects.toThrow('the page took more than 0.001 s to read: stopped');
    await expect(hasty.read(job(big))).rejects.toThrow(/took more than/);
    await hasty.close();
  });

  it('stops a page that needs more memory than the worker may have', async () => {
    const small = createHtmlReader({ maxHeapMb: 16, deadlineMs: 60_000 });
    const huge = `<html><body>${'<div><p>word <a href="x">link</a></p></div>'.repeat(300_000)}</body></html>`;
    await expect(small.read(job(huge))).rejects.toThrow('the page needs more than 16 MB to read: stopped');
    await small.close();
  }, 60_000);
});
