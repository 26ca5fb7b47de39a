/**
 * @module eval/nlp/labelled
 * Labelled sentences for comparing NLP libraries, from the tuning sets only: realpages-dev's tuning
 * part (split by `partOf`, read through the ingest's own Readability path), eval/mine/tuning.json
 * (article text from rtqa-news's docs.jsonl.gz) and the seed questions. For each answerable question
 * of a span kind, the article sentences (the project's splitter) that hold one of its answer forms.
 * Held-out files are never read: not eval/heldout, not eval/mine/heldout.json, not the reported part.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { kindOfQuestion } from '../../src/core/reader/answer-kind.js';
import { splitSentences } from '../../src/core/text/sentences.js';
import { parseFrontMatter } from '../../src/ingest/front-matter.js';
import { parseHtmlArticle } from '../../src/ingest/html-article.js';
import { readMineSet } from '../mine/load-mine.js';
import { loadRealpages } from '../pages/dataset.js';
import { normaliseAnswer } from '../pages/match.js';
import { RtqaDoc } from '../pages/rtqa-pages.js';
import { ANSWERABLE } from '../seed-questions.js';

export const SPAN_KINDS = ['person', 'organisation', 'place', 'date', 'amount', 'count', 'duration'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];
const isSpanKind = (k: string): k is SpanKind => (SPAN_KINDS as readonly string[]).includes(k);

export interface Article {
  set: 'realpages' | 'mine' | 'seeds';
  name: string;
  text: string;
}

export interface LabelledQuestion {
  set: Article['set'];
  id: string;
  question: string;
  kind: SpanKind;
  /** The forms an answer may state it in (as the set gives them, or the seed fact's match). */
  forms: string[];
  /** The articles (by name) the answer may come from. */
  articles: string[];
  /** Sentences of those articles (the project's splitter) that hold one of the forms. */
  sentences: string[];
}

export interface Labelled {
  articles: Article[];
  questions: LabelledQuestion[];
  /** Answerable questions of a span kind whose forms no sentence holds whole (split across two). */
  unplaced: string[];
}

const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

function place(
  set: Article['set'],
  id: string,
  question: string,
  kind: SpanKind,
  forms: string[],
  articles: Article[],
): LabelledQuestion {
  const wanted = forms.map(normaliseAnswer);
  const sentences = articles
    .flatMap((a) => sentencesOf(a.text))
    .filter((s) => wanted.some((w) => normaliseAnswer(s).includes(w)));
  return { set, id, question, kind, forms, articles: articles.map((a) => a.name), sentences };
}

async function realpages(dir: string): Promise<{ articles: Article[]; questions: LabelledQuestion[] }> {
  const data = await loadRealpages(dir);
  // The tuning part only: reported pages are neither read nor asked about.
  const asked = data.questions.filter((q) => q.part === 'tuning' && q.answerable && isSpanKind(q.kind));
  const names = [...new Set(asked.flatMap((q) => q.pages))];
  const articles: Article[] = [];
  for (const name of names) {
    const file = data.pages.get(name);
    if (!file) throw new Error(`realpages-dev lists no page ${name}`);
    articles.push({
      set: 'realpages',
      name,
      text: parseHtmlArticle(name, await readFile(file, 'utf8')).text,
    });
  }
  const named = (names: string[]) => articles.filter((a) => names.includes(a.name));
  return {
    articles,
    questions: asked.map((q) =>
      place('realpages', q.id, q.question, q.kind as SpanKind, q.any, named(q.pages)),
    ),
  };
}

async function rtqaTexts(file: string, ids: Set<string>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  for await (const line of lines) {
    const id = /"id":\s*"([^"]+)"/.exec(line)?.[1];
    if (!id || !ids.has(id)) continue;
    texts.set(id, RtqaDoc.parse(JSON.parse(line)).text);
    if (texts.size === ids.size) break;
  }
  lines.close();
  return texts;
}

async function mine(root: string): Promise<{ articles: Article[]; questions: LabelledQuestion[] }> {
  const set = await readMineSet('tuning');
  const texts = await rtqaTexts(resolve(root, set.docs), new Set(set.articles.map((a) => a.doc)));
  const articles = set.articles.map((a) => ({
    set: 'mine' as const,
    name: a.name,
    text: texts.get(a.doc) ?? '',
  }));
  const missing = articles.filter((a) => !a.text).map((a) => a.name);
  if (missing.length > 0) throw new Error(`rtqa-news holds no text for ${missing.join(', ')}`);
  const questions = set.questions.flatMap((q) =>
    q.answerable && isSpanKind(q.kind)
      ? [
          place(
            'mine',
            q.id,
            q.q,
            q.kind,
            q.any,
            articles.filter((a) => a.name === q.page),
          ),
        ]
      : [],
  );
  return { articles, questions };
}

async function seeds(dir: string): Promise<{ articles: Article[]; questions: LabelledQuestion[] }> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  const articles: Article[] = [];
  for (const f of files) {
    const raw = await readFile(join(dir, f), 'utf8');
    articles.push({ set: 'seeds', name: f.slice(0, 3), text: parseFrontMatter(raw)?.body ?? raw });
  }
  const questions: LabelledQuestion[] = [];
  ANSWERABLE.forEach((q, i) => {
    // The seeds carry no kind: the reader's own question patterns give it.
    const kind = kindOfQuestion(q.question);
    if (!isSpanKind(kind)) return;
    const supporting = articles.filter((a) => q.seeds.includes(a.name));
    const global = new RegExp(q.fact.source, q.fact.flags.includes('g') ? q.fact.flags : `${q.fact.flags}g`);
    const forms = [...new Set(supporting.flatMap((a) => [...a.text.matchAll(global)].map((m) => m[0])))];
    if (forms.length > 0) questions.push(place('seeds', `seed-${i}`, q.question, kind, forms, supporting));
  });
  return { articles, questions };
}

/** `root` is the repository root; `shared` the shared data folder (`../shared` from it). */
export async function loadLabelled(root: string, shared = resolve(root, '..', 'shared')): Promise<Labelled> {
  const parts = [
    await realpages(join(shared, 'data', 'realpages-dev')),
    await mine(root),
    await seeds(join(shared, 'seeds')),
  ];
  const all = parts.flatMap((p) => p.questions);
  return {
    articles: parts.flatMap((p) => p.articles),
    questions: all.filter((q) => q.sentences.length > 0),
    unplaced: all.filter((q) => q.sentences.length === 0).map((q) => q.id),
  };
}
