/**
 * @module eval/rtqa
 * `npm run eval -- --data ../shared/data/rtqa-news [--split dev|test|all] [--peers] [--model] [--json] [--ids a,b] [--workers N]`:
 * Briefbot's retrieval, answers, abstentions and citations on real weekly news questions. The summary
 * (or, with --json, only the JSON report) goes to stdout; progress goes to stderr. With --model the
 * answers (and, with OPENAI_EMBEDDING_MODEL, retrieval) go through the model path configured by the
 * environment's OPENAI_* settings, read by the bot's own config schema.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../src/config.js';
import { asBriefError } from '../src/core/errors.js';
import { formatSummary, runRtqaEval, type SplitChoice } from './rtqa/index.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEFAULT_DATA = resolve(REPO_ROOT, '../shared/data/rtqa-news');
const SPLITS: readonly SplitChoice[] = ['dev', 'test', 'all'];

const USAGE = `Usage: npm run eval -- [--data DIR] [--split dev|test|all] [--peers] [--model] [--json] [--ids ID,ID,...] [--workers N]
  --data   the rtqa-news folder (default ../shared/data/rtqa-news from the repo root)
  --split  dev (default), test or all; report the test split once, without tuning on it
  --peers  also run MiniSearch, Orama, wink-bm25 and raw FTS5 over the same passages
  --model  answer through the model path set by OPENAI_BASE_URL or OPENAI_API_KEY, OPENAI_MODEL, ...
           (hybrid retrieval too with OPENAI_EMBEDDING_MODEL), as the bot does; see docs/LLM.md
  --json   print only the JSON report on stdout
  --ids    only these question ids (their weeks' full pools are still ingested)
  --workers  weeks evaluated side by side on worker threads (default: one per core)`;

async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const split = (values.split ?? 'dev') as SplitChoice;
  if (!SPLITS.includes(split)) {
    process.stderr.write(`--split must be dev, test or all (got "${values.split}")\n`);
    return 2;
  }
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) {
    process.stderr.write(`--workers must be a whole number of at least 1 (got "${values.workers}")\n`);
    return 2;
  }
  let model: Config | null = null;
  if (values.model) {
    try {
      model = loadConfig(process.env);
    } catch (error) {
      process.stderr.write(`${asBriefError(error).message}\n`);
      return 2;
    }
    if (!model.OPENAI_BASE_URL && !model.OPENAI_API_KEY) {
      process.stderr.write(
        '--model needs OPENAI_BASE_URL (any OpenAI-compatible server) or OPENAI_API_KEY\n',
      );
      return 2;
    }
  }
  const ids = values.ids
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const report = await runRtqaEval({
    dataDir: values.data ? resolve(values.data) : DEFAULT_DATA,
    split,
    peers: values.peers ?? false,
    model,
    workers,
    ...(ids ? { questionIds: ids } : {}),
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatSummary(report)}\n`);
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      data: { type: 'string' },
      split: { type: 'string' },
      peers: { type: 'boolean' },
      model: { type: 'boolean' },
      json: { type: 'boolean' },
      ids: { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `rtqa eval failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
