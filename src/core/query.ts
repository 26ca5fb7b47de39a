/**
 * @module core/query
 * Query understanding: the terms to search for, what kind of answer is wanted (an amount, a date, a
 * person...), whether the asker wants the latest news ("latest", "this week", "since Monday"), and, for
 * follow-ups in a thread, the earlier question's terms at a lower weight.
 */
import type { ConversationTurn } from './answer.js';
import { followUpTerms } from './conversation/follow-up-terms.js';
import { tokenize } from './text/tokenize.js';

export type AnswerKind = 'amount' | 'date' | 'person' | 'place' | 'reason' | 'quote' | 'general';

export interface Query {
  text: string;
  /** Terms of the question itself, distinct, in order. */
  terms: string[];
  /** Consecutive term pairs of the question ("ceo aws" from "CEO of AWS"): a passage that keeps
   * them close together is more likely about the same thing. */
  pairs: [string, string][];
  /** Terms carried over from earlier turns of the thread (weighted lower). */
  contextTerms: string[];
  kind: AnswerKind;
  /** The asker wants recent news first. */
  recency: boolean;
  /** Only news at or after this ISO time ("since Monday"), when the question says so. */
  since: string | null;
  /** "Now" for this question (ISO): news is judged fresh or stale against it. */
  now: string;
}

const KIND_PATTERNS: [AnswerKind, RegExp][] = [
  [
    'amount',
    /\b(how (much|many|big|large|expensive)|worth|valued?|cost|price|amount|size of|percentage|share price|revenue|how far)\b/i,
  ],
  ['date', /\b(when|what (year|date|day|month|time)|how long|by what date|deadline|timeline|until when)\b/i],
  ['person', /\b(who|whom|whose|which (person|executive|ceo|official|player|politician|leader))\b/i],
  ['place', /\b(where|which (city|country|state|town|place|region))\b/i],
  ['reason', /\b(why|what (caused|led to)|for what reason)\b/i],
  ['quote', /\b(what did .{1,60} say|said about|according to whom|quote)\b/i],
];
/** Words that only say what kind of answer is wanted; they are not what the answer is about. */
const KIND_MARKERS: Partial<Record<AnswerKind, string>> = {
  amount: 'much many big large expensive amount size',
  date: 'year date day month time long last',
  person: 'person',
  quote: 'say said says',
  place: 'place',
};
/** Where the words naming the kind of answer end: "what *did* the team say", "which *is* the state…". */
const PHRASE_ENDS = new Set(
  'which what is are was were did does do has have had will would can could should may might of about in on to the a an'.split(
    ' ',
  ),
);
/** Praise in the kind of answer ("which *popular* app"): the answer sentence rarely repeats it. */
const ANSWER_QUALIFIERS = new Set(['popular', 'famous']);
const ANSWER_TYPES = new Set(
  'country countries state states city cities team company companies platform network app award animal person organization brand sport language holiday color colour kind type sort'.split(
    ' ',
  ),
);

/** Words of how people phrase questions that say nothing about the news itself. */
const QUESTION_NOISE = new Set(
  tokenize(
    'mention mentioned besides apart mainly mostly exactly specifically tell know news update updates',
  ),
);
const RECENCY =
  /\b(latest|most recent|recent(ly)?|newest|breaking|this (week|month|morning)|today|yesterday|tonight|right now|currently|so far this year|last (week|night)|(in the )?past (week|few days|24 hours|day)|in recent (days|weeks))\b/gi;
const SINCE =
  /\bsince (monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week|\d{4}-\d{2}-\d{2})\b/i;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export function understandQuestion(text: string, now: Date, history: ConversationTurn[] = []): Query {
  const kind = KIND_PATTERNS.find(([, re]) => re.test(text))?.[0] ?? 'general';
  const sinceMatch = SINCE.exec(text);
  const recency = RECENCY.test(text) || sinceMatch !== null;
  RECENCY.lastIndex = 0;
  const stripped = text.replace(RECENCY, ' ').replace(SINCE, ' ');
  RECENCY.lastIndex = 0;
  const markers = new Set(tokenize(KIND_MARKERS[kind] ?? ''));
  const typeWords = answerTypeWords(text);
  const candidates = [...new Set(tokenize(stripped))].filter(
    (t) => !markers.has(t) && !QUESTION_NOISE.has(t),
  );
  // Never drop everything: "Which team?" still has to search for something.
  const withoutTypes = candidates.filter((t) => !typeWords.has(t));
  const terms = withoutTypes.length > 0 ? withoutTypes : candidates;
  const contextTerms = followUpTerms(text, terms, history);
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < terms.length; i++) pairs.push([terms[i] as string, terms[i + 1] as string]);
  return {
    text,
    terms,
    pairs,
    contextTerms,
    kind,
    recency,
    since: sinceMatch ? sinceDate(sinceMatch[1] ?? '', now) : null,
    now: now.toISOString(),
  };
}

/**
 * A kind-of-answer noun among the (up to three) words after "which"/"what" ("which *country* won…",
 * "what *animal*'s saliva…", "which social media *platform*") is not searched for: the answer sentence
 * says "Sweden", not "country". Other words there qualify the answer and are searched: "which *Pacific*
 * island nation", "which *search* engine", "which *candy* brand". The phrase ends at a verb, an article
 * or punctuation: in "what did the team say" or "what is the state of…", "team" and "state" are the
 * subject, not the kind of answer.
 */
function answerTypeWords(text: string): Set<string> {
  const words = new Set<string>();
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}'’-]+|[^\s\p{L}\p{N}]/gu) ?? [];
  tokens.forEach((token, i) => {
    if (token !== 'which' && token !== 'what') return;
    for (const next of tokens.slice(i + 1, i + 4)) {
      if (PHRASE_ENDS.has(next) || !/[\p{L}\p{N}]/u.test(next)) break;
      const word = next.replace(/['’]s$/, '');
      if (ANSWER_TYPES.has(word) || ANSWER_QUALIFIERS.has(word)) for (const t of tokenize(word)) words.add(t);
    }
  });
  return words;
}

function sinceDate(word: string, now: Date): string | null {
  const lower = word.toLowerCase();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (/^\d{4}-\d{2}-\d{2}$/.test(lower)) {
    // Not a day of the calendar (2026-02-30): no date filter rather than one that hides everything.
    const iso = `${lower}T00:00:00.000Z`;
    return Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString() !== iso ? null : iso;
  }
  if (lower === 'yesterday') return new Date(day.getTime() - 86_400_000).toISOString();
  if (lower === 'last week') return new Date(day.getTime() - 7 * 86_400_000).toISOString();
  const target = WEEKDAYS.indexOf(lower);
  if (target < 0) return null;
  const back = (day.getUTCDay() - target + 7) % 7;
  return new Date(day.getTime() - back * 86_400_000).toISOString();
}
