/**
 * @module eval/mine/mine-set
 * Our own question sets over rtqa-news articles (issue 15): `tuning.json`, `tuning-2.json` and
 * `tuning-3.json` on pages of dev-split weeks, `heldout.json`, `heldout-2.json` and `heldout-3.json` on
 * pages of test-split weeks. The schema, the checks that keep the sets apart, and the page set a run asks. The article text stays in ../shared; a set names its
 * documents by id.
 */
import { z } from 'zod';
import { KINDS, type PageQuestion, type Part } from '../pages/dataset.js';
import { normaliseAnswer } from '../pages/match.js';

export const MINE_SETS = ['tuning', 'heldout', 'heldout-2', 'tuning-2', 'heldout-3', 'tuning-3'] as const;
export type MineSetName = (typeof MINE_SETS)[number];

/**
 * What each set is for. A tuning set takes dev-split weeks and may be run and read freely; a held-out
 * set takes test-split weeks and is run only to report, its answers never printed.
 */
export const MINE_SET_USE: Record<MineSetName, 'tuning' | 'heldout'> = {
  tuning: 'tuning',
  heldout: 'heldout',
  'heldout-2': 'heldout',
  'tuning-2': 'tuning',
  'heldout-3': 'heldout',
  'tuning-3': 'tuning',
};
export const isHeldOut = (name: MineSetName): boolean => MINE_SET_USE[name] === 'heldout';

/** rtqa-news's last dev week (its README: the first 28 weeks, 20230106–20230714, are dev). */
export const LAST_DEV_WEEK = '20230714';

const Kind = z.enum(KINDS);
const Answerable = z.object({
  id: z.string().min(1),
  page: z.string().min(1),
  q: z.string().min(1),
  kind: Kind,
  answerable: z.literal(true),
  /** The answer as a reader of the article would give it. */
  answer: z.string().min(1),
  /** Forms an answer may state it in; at least one occurs in the article's text. */
  any: z.array(z.string().min(1)).min(1),
  /** Asked as a news-bot user asks ("who reported…", "what's the latest on…"), not as a quiz asks. */
  briefing: z.literal(true).optional(),
});
const NearMiss = z.object({
  id: z.string().min(1),
  page: z.string().min(1),
  q: z.string().min(1),
  kind: Kind,
  answerable: z.literal(false),
  /** The fact the question asks for, which the article does not give. */
  missing: z.string().min(1),
});

export const MineSetSchema = z
  .object({
    about: z.string(),
    part: z.enum(MINE_SETS),
    /** rtqa-news's docs.jsonl.gz, relative to the repository root. */
    docs: z.string().min(1),
    articles: z
      .array(
        z.object({
          doc: z.string().regex(/^\d{8}-\d+$/),
          name: z.string().regex(/^[a-z0-9-]+$/),
          /** The document's title in rtqa-news: the run checks it to be sure it read the article meant. */
          title: z.string().min(1),
        }),
      )
      .min(1),
    questions: z.array(z.discriminatedUnion('answerable', [Answerable, NearMiss])).min(1),
  })
  .superRefine((set, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    const names = new Set(set.articles.map((a) => a.name));
    const ids = new Set<string>();
    const heldOut = isHeldOut(set.part);
    for (const a of set.articles) {
      const dev = a.doc.slice(0, 8) <= LAST_DEV_WEEK;
      if (dev === heldOut)
        issue(
          `${a.doc} is from a ${dev ? 'dev' : 'test'} week: the ${set.part} set takes ${heldOut ? 'test' : 'dev'} weeks`,
        );
    }
    if (names.size !== set.articles.length) issue('two articles share a name');
    if (new Set(set.articles.map((a) => a.doc)).size !== set.articles.length)
      issue('an article is listed twice');
    for (const q of set.questions) {
      if (ids.has(q.id)) issue(`question id ${q.id} is used twice`);
      ids.add(q.id);
      if (!names.has(q.page)) issue(`${q.id} is about ${q.page}, which the set does not list`);
    }
  });
export type MineSet = z.infer<typeof MineSetSchema>;

/**
 * Throws naming every two sets that share an article, a page name, a question id or a question's
 * wording (as answers are normalised, so a question copied under a new id is caught): each set must
 * stay apart from every other, held-out from tuning and held-out from held-out alike.
 */
export function checkApart(sets: MineSet[]): void {
  const shared = (a: string[], b: string[]) => a.filter((x) => b.includes(x));
  const keys = (set: MineSet) => [
    ...set.articles.map((a) => a.doc),
    ...set.articles.map((a) => a.name),
    ...set.questions.map((q) => q.id),
    ...set.questions.map((q) => normaliseAnswer(q.q)),
  ];
  const clashes: string[] = [];
  sets.forEach((a, i) => {
    for (const b of sets.slice(i + 1)) {
      const overlap = shared(keys(a), keys(b));
      if (overlap.length > 0) clashes.push(`the ${a.part} and ${b.part} sets share ${overlap.join(', ')}`);
    }
  });
  if (clashes.length > 0) throw new Error(clashes.join('; '));
}

/**
 * Throws naming every answerable question none of whose forms occurs in its article's text (as the
 * evaluation normalises answers), and every article whose title is not the one the set names. With
 * `forms: 'every'`, each form must occur, not just one (the rule for the sets written since heldout-2,
 * whose forms are all quoted from the text; the first two also list other spellings of a date).
 */
export function checkAgainstText(
  set: MineSet,
  docs: Map<string, { title: string; text: string }>,
  { forms = 'some' }: { forms?: 'some' | 'every' } = {},
): void {
  const problems: string[] = [];
  for (const a of set.articles) {
    const doc = docs.get(a.name);
    if (!doc) problems.push(`no text for ${a.name} (${a.doc})`);
    else if (doc.title !== a.title) problems.push(`${a.doc} is titled "${doc.title}", not "${a.title}"`);
  }
  for (const q of set.questions) {
    const doc = docs.get(q.page);
    if (!q.answerable || !doc) continue;
    const text = normaliseAnswer(doc.text);
    const absent = q.any.filter((form) => !text.includes(normaliseAnswer(form)));
    if (absent.length === q.any.length)
      problems.push(`${q.id}: none of ${JSON.stringify(q.any)} is in ${q.page}`);
    else if (forms === 'every' && absent.length > 0)
      problems.push(`${q.id}: ${JSON.stringify(absent)} not in ${q.page}`);
  }
  if (problems.length > 0) throw new Error(`eval/mine/${set.part}.json: ${problems.join('; ')}`);
}

/** The set's questions as the saved-pages harness asks them: tuning → tuning part, held-out → reported. */
export function pageQuestions(set: MineSet): PageQuestion[] {
  const part: Part = isHeldOut(set.part) ? 'reported' : 'tuning';
  return set.questions.map((q) => ({
    id: q.id,
    question: q.q,
    kind: q.kind,
    pages: q.answerable ? [q.page] : [],
    any: q.answerable ? q.any : [],
    answerable: q.answerable,
    near: q.answerable ? null : q.page,
    part,
  }));
}
