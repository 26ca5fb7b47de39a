/**
 * @module eval/mine/mine-set
 * Our own question sets over rtqa-news articles (issue 15): `tuning.json` on pages of dev-split weeks,
 * `heldout.json` on pages of test-split weeks. The schema, the checks that keep the two apart, and the
 * page set a run asks. The article text stays in ../shared; a set names its documents by id.
 */
import { z } from 'zod';
import { KINDS, type PageQuestion, type Part } from '../pages/dataset.js';
import { normaliseAnswer } from '../pages/match.js';

export const MINE_SETS = ['tuning', 'heldout'] as const;
export type MineSetName = (typeof MINE_SETS)[number];

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
    for (const a of set.articles) {
      const dev = a.doc.slice(0, 8) <= LAST_DEV_WEEK;
      if (dev !== (set.part === 'tuning'))
        issue(
          `${a.doc} is from a ${dev ? 'dev' : 'test'} week: the ${set.part} set takes ${set.part === 'tuning' ? 'dev' : 'test'} weeks`,
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

/** Throws when the two sets share an article, a page name or a question id: they must stay apart. */
export function checkApart(tuning: MineSet, heldout: MineSet): void {
  const shared = (a: string[], b: string[]) => a.filter((x) => b.includes(x));
  const overlap = [
    ...shared(
      tuning.articles.map((a) => a.doc),
      heldout.articles.map((a) => a.doc),
    ),
    ...shared(
      tuning.articles.map((a) => a.name),
      heldout.articles.map((a) => a.name),
    ),
    ...shared(
      tuning.questions.map((q) => q.id),
      heldout.questions.map((q) => q.id),
    ),
  ];
  if (overlap.length > 0) throw new Error(`the tuning and held-out sets share ${overlap.join(', ')}`);
}

/**
 * Throws naming every answerable question none of whose forms occurs in its article's text (as the
 * evaluation normalises answers), and every article whose title is not the one the set names.
 */
export function checkAgainstText(set: MineSet, docs: Map<string, { title: string; text: string }>): void {
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
    if (!q.any.some((form) => text.includes(normaliseAnswer(form))))
      problems.push(`${q.id}: none of ${JSON.stringify(q.any)} is in ${q.page}`);
  }
  if (problems.length > 0) throw new Error(`eval/mine/${set.part}.json: ${problems.join('; ')}`);
}

/** The set's questions as the saved-pages harness asks them: tuning → tuning part, held-out → reported. */
export function pageQuestions(set: MineSet): PageQuestion[] {
  const part: Part = set.part === 'tuning' ? 'tuning' : 'reported';
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
