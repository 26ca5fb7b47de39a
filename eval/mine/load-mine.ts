/**
 * @module eval/mine/load-mine
 * Reads eval/mine's question sets and builds the page set one of them is asked over: the articles of
 * every set are written as pages (from rtqa-news's docs.jsonl.gz, at run time) so that the store holds
 * them all, whichever set is asked, and only the named set's questions are asked.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageSet } from '../pages/dataset.js';
import { writeRtqaPages } from '../pages/rtqa-pages.js';
import {
  checkAgainstText,
  checkApart,
  MINE_SETS,
  type MineSet,
  type MineSetName,
  MineSetSchema,
  pageQuestions,
} from './mine-set.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '..', '..');

export async function readMineSet(name: MineSetName, dir = HERE): Promise<MineSet> {
  const file = join(dir, `${name}.json`);
  const parsed = MineSetSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  if (parsed.data.part !== name) throw new Error(`${file} says it is the ${parsed.data.part} set`);
  return parsed.data;
}

/**
 * The page set for a run of `name`, its pages written into `pagesDir`. `docsFile` overrides the path
 * the sets name (`../shared/data/rtqa-news/docs.jsonl.gz` from the repository root).
 */
export async function loadMine(
  name: MineSetName,
  pagesDir: string,
  options: { docsFile?: string; setsDir?: string } = {},
): Promise<PageSet> {
  const sets = await Promise.all(MINE_SETS.map((set) => readMineSet(set, options.setsDir)));
  checkApart(sets);
  const asked = sets[MINE_SETS.indexOf(name)];
  if (!asked) throw new Error(`no eval/mine set ${name}`);
  const docsFile = options.docsFile ?? resolve(REPO_ROOT, asked.docs);
  const wanted = new Map(sets.flatMap((set) => set.articles.map((a) => [a.doc, a.name] as const)));
  const { pages, docs } = await writeRtqaPages(docsFile, wanted, pagesDir);
  for (const set of sets) checkAgainstText(set, docs);
  return { pages, questions: pageQuestions(asked) };
}
