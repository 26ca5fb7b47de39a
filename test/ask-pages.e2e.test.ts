/**
 * End to end, as a new user meets the reader: real-shaped news pages (navigation, bylines, a figure
 * caption, related links, a footer) served on 127.0.0.1, `brief ingest <url>…` into an empty data
 * folder, then `brief ask --json` through the CLI: answers carry the fact with a verbatim quote of the
 * right page, and a near miss abstains. The pages are years old, as a store of articles may be.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageServer, servePages } from '../eval/pages/serve-pages.js';
import { runCli } from '../src/main.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

const page = (title: string, date: string, paragraphs: string[]) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title} | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="${date}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><article><h1>${title}</h1><p class="byline">By Ada Marsh</p>
<figure><img src="mill.jpg" alt=""><figcaption>The mill at dusk. Photo: Lee Hart</figcaption></figure>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<aside><h2>Related</h2><ul><li><a href="/a">Council budget approved</a></li></ul></aside>
</article></main><footer>© 2019 The Valley Courier. All rights reserved.</footer></body></html>`;

const MILL = page('Riverside paper mill to close in spring', '2019-05-02T08:00:00Z', [
  'The Riverside paper mill in Oakdale will close next spring, its owner Harlow Paper said on Tuesday, ending more than a century of papermaking in the town.',
  'The plant employs 2,000 people. About 300 of them will lose their jobs before the summer, and the rest will be offered places at the company’s Westfield site.',
  'Harlow Paper blamed falling demand for newsprint and energy costs that have doubled in two years.',
]);
const BAKERY = page('A bakery that bakes only at night', '2018-11-20T08:00:00Z', [
  'Mina Osei opened her bakery on Quay Street in Portmere four years ago, after a decade as a nurse on night shifts.',
  'She bakes from ten in the evening until six in the morning and sells out by noon on most days of the week.',
]);

async function brief(args: string[], dataDir: string) {
  const stdout = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const code = await runCli(args, {
    env: { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error' },
    stdout,
    stderr: new PassThrough(),
    stdin,
    cwd: PROJECT_ROOT,
  });
  return { code, stdout: out.join('') };
}

let server: PageServer;
let dataDir: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ask-pages-'));
  writeFileSync(join(dir, 'mill.html'), MILL);
  writeFileSync(join(dir, 'bakery.html'), BAKERY);
  server = await servePages(
    new Map([
      ['mill', join(dir, 'mill.html')],
      ['bakery', join(dir, 'bakery.html')],
    ]),
  );
  dataDir = mkdtempSync(join(tmpdir(), 'ask-pages-data-'));
  const ingest = await brief(['ingest', ...server.urls.values()], dataDir);
  expect(ingest.code).toBe(0);
});

afterAll(async () => {
  await server.close();
});

async function ask(question: string) {
  const run = await brief(['ask', question, '--json'], dataDir);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as {
    answer: string;
    abstained: boolean;
    citations: { url: string | null; quote: string }[];
  };
}

describe('brief ask --json over pages ingested by URL', () => {
  it('answers a count from a years-old page, quoting the right page verbatim', async () => {
    const json = await ask('How many people at the Riverside mill will lose their jobs?');
    expect(json.abstained).toBe(false);
    expect(json.answer).toContain('300');
    expect(json.citations[0]?.url).toBe(server.urls.get('mill'));
    expect(MILL).toContain(json.citations[0]?.quote ?? '—');
  });

  it('answers who and where from the other page', async () => {
    const who = await ask('Who opened the bakery on Quay Street?');
    expect(who.answer).toContain('Mina Osei');
    expect(who.citations[0]?.url).toBe(server.urls.get('bakery'));
    const where = await ask("Where is Mina Osei's bakery?");
    expect(where.answer).toMatch(/Quay Street|Portmere/);
  });

  it('abstains on a near miss about a name the pages mention', async () => {
    const json = await ask('How much did Harlow Paper pay for the Riverside mill?');
    expect(json.abstained).toBe(true);
  });
});
