/**
 * @module eval/pages/dataset
 * A set of saved web pages with questions about them: realpages-dev (`questions.json` beside a
 * `pages/` folder of saved HTML), or a held-out set written in this repository over pages kept in
 * ../shared. Each question is put in the tuning part or the reported part by its page (a hash of the
 * page's name), so that no page's questions are in both.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const KINDS = [
  'amount',
  'count',
  'date',
  'duration',
  'person',
  'organisation',
  'place',
  'name',
  'reason',
  'description',
  'yesno',
] as const;
export type QuestionKind = (typeof KINDS)[number];

export type Part = 'tuning' | 'reported';

export interface PageQuestion {
  id: string;
  question: string;
  kind: QuestionKind;
  /** Pages the answer may cite; empty for an unanswerable question. */
  pages: string[];
  /** The answer contains one of these (normalised), for an answerable question. */
  any: string[];
  answerable: boolean;
  /** The page an unanswerable question is close to, or null (off-topic). */
  near: string | null;
  part: Part;
}

export interface PageSet {
  /** Page name → path of the saved HTML. */
  pages: Map<string, string>;
  questions: PageQuestion[];
}

const Kind = z.enum(KINDS);
const RealpagesSchema = z.object({
  pages: z.array(z.object({ name: z.string().min(1), expectedTitle: z.string() })).min(1),
  answerable: z.array(
    z.object({
      id: z.string(),
      page: z.string(),
      q: z.string().min(1),
      any: z.array(z.string()).min(1),
      kind: Kind,
    }),
  ),
  unanswerable: z.array(
    z.object({ id: z.string(), q: z.string().min(1), kind: Kind, near: z.string().nullable() }),
  ),
  answerable_across_pages: z
    .array(
      z.object({
        id: z.string(),
        pages: z.array(z.string()).min(1),
        q: z.string().min(1),
        any: z.array(z.string()).min(1),
        kind: Kind,
      }),
    )
    .default([]),
});

/**
 * The part a page belongs to: the first byte of the SHA-256 of its name, even → tuning, odd →
 * reported. Fixed by the name alone, so adding pages or questions never moves a page between parts.
 */
export function partOf(key: string): Part {
  const byte = createHash('sha256').update(key).digest()[0] ?? 0;
  return byte % 2 === 0 ? 'tuning' : 'reported';
}

/** Reads realpages-dev (or any folder with the same layout). */
export async function loadRealpages(dataDir: string): Promise<PageSet> {
  const raw = JSON.parse(await readFile(join(dataDir, 'questions.json'), 'utf8'));
  const data = RealpagesSchema.parse(raw);
  const pages = new Map(data.pages.map((p) => [p.name, join(dataDir, 'pages', `${p.name}.html`)]));
  const known = (name: string) => {
    if (!pages.has(name)) throw new Error(`questions.json names a page it does not list: ${name}`);
    return name;
  };
  const questions: PageQuestion[] = [
    ...data.answerable.map((q) => ({
      id: q.id,
      question: q.q,
      kind: q.kind,
      pages: [known(q.page)],
      any: q.any,
      answerable: true,
      near: null,
      part: partOf(q.page),
    })),
    // A fact stated on two pages belongs to the part of the first.
    ...data.answerable_across_pages.map((q) => ({
      id: q.id,
      question: q.q,
      kind: q.kind,
      pages: q.pages.map(known),
      any: q.any,
      answerable: true,
      near: null,
      part: partOf(known(q.pages[0] ?? '')),
    })),
    // A near miss belongs to the part of the page it is close to; an off-topic one by its own id.
    ...data.unanswerable.map((q) => ({
      id: q.id,
      question: q.q,
      kind: q.kind,
      pages: [],
      any: [],
      answerable: false,
      near: q.near === null ? null : known(q.near),
      part: partOf(q.near ?? q.id),
    })),
  ];
  return { pages, questions };
}
