/**
 * @module bench/bench-args
 * `npm run bench -- [flags]`: which sizes to run, how many timed passes, where to cache and where to
 * write the JSON summary. Unknown flags are an error, so a typo never silently runs the full bench.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from './synthetic-corpus.js';

export interface BenchArgs {
  sizes: number[];
  passes: number;
  seed: number;
  cacheDir: string;
  fresh: boolean;
  out: string | null;
  startupRuns: number;
  /** Further different searches the memory probe runs after the benchmark queries. */
  memorySearches: number;
  /** Node flags for the memory probe, to match how the bot is deployed (e.g. --max-old-space-size=160). */
  memoryNodeFlags: string[];
  skipStartup: boolean;
  skipSlack: boolean;
  skipDigest: boolean;
  /** Folder for V8 CPU profiles of the query-latency child, or null. */
  cpuProf: string | null;
}

export const USAGE = `npm run bench -- [flags]
  --sizes 1000,10000,100000  corpus sizes to run (default: all three); --sizes none runs only the Slack load
  --quick                    1,000 articles only
  --passes 3                 timed passes over the query list per size
  --seed 20240611            corpus and query seed
  --cache-dir DIR            where corpora and stores are cached (default: $TMPDIR/briefbot-bench)
  --fresh                    rebuild corpora and stores even when cached (re-measures ingest)
  --out FILE                 also write the JSON summary to FILE
  --startup-runs 7           timed CLI starts per size
  --memory-searches 2000     further different searches in the serving-memory probe (0: none)
  --memory-node-flags=FLAGS  node flags for the serving-memory probe; default: those of
                             package.json's \`npm start\` (the bot as deployed); "none" for none
  --skip-startup             skip the CLI start-to-first-answer runs (no build needed)
  --skip-slack               skip bench/slack-load.ts and bench/feeds.ts
  --skip-digest              skip the digest over 2,000 new articles
  --cpu-prof DIR             write V8 CPU profiles of the query-latency child to DIR`;

export function parseBenchArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      passes: { type: 'string', default: '3' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      'cache-dir': { type: 'string', default: join(tmpdir(), 'briefbot-bench') },
      fresh: { type: 'boolean', default: false },
      out: { type: 'string' },
      'startup-runs': { type: 'string', default: '7' },
      'memory-searches': { type: 'string', default: '2000' },
      'memory-node-flags': { type: 'string' },
      'skip-startup': { type: 'boolean', default: false },
      'skip-slack': { type: 'boolean', default: false },
      'skip-digest': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const sizesText = values.quick ? '1000' : (values.sizes ?? '1000,10000,100000');
  const sizes =
    sizesText === 'none' ? [] : sizesText.split(',').map((s) => wholeNumber('--sizes', s.replace(/_/g, '')));
  return {
    sizes,
    passes: wholeNumber('--passes', values.passes),
    seed: wholeNumber('--seed', values.seed),
    cacheDir: values['cache-dir'],
    fresh: values.fresh,
    out: values.out ?? null,
    startupRuns: wholeNumber('--startup-runs', values['startup-runs']),
    memorySearches:
      values['memory-searches'] === '0' ? 0 : wholeNumber('--memory-searches', values['memory-searches']),
    skipStartup: values['skip-startup'],
    skipSlack: values['skip-slack'],
    skipDigest: values['skip-digest'],
    cpuProf: values['cpu-prof'] ?? null,
    memoryNodeFlags:
      values['memory-node-flags'] === undefined
        ? deployedNodeFlags()
        : values['memory-node-flags'] === 'none'
          ? []
          : values['memory-node-flags'].split(/\s+/).filter(Boolean),
  };
}

function wholeNumber(flag: string, text: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs whole numbers of at least 1, not "${text}"`);
  return n;
}

/** The node flags `npm start` runs the bot with, e.g. the heap cap: memory is measured as deployed. */
export function deployedNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const start = manifest.scripts?.start ?? '';
  const match = /^node((?:\s+--\S+)*)\s+bin\/brief\.js\b/.exec(start);
  if (!match) {
    throw new Error(
      `cannot read the node flags of package.json's start script (${JSON.stringify(start)}); pass --memory-node-flags`,
    );
  }
  return (match[1] ?? '').split(/\s+/).filter(Boolean);
}
