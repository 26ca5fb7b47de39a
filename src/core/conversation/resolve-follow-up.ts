/**
 * @module core/conversation/resolve-follow-up
 * Follow-ups in the words of the turns before them: "what did he say" becomes "what did Matt Garman
 * say", "when will it be deployed" names the deal, "the company" names the company, and a bare "when?"
 * or "how much?" gets the last subject. Offline and deterministic: referents come from the stored
 * context of earlier turns (the newest first). A reference with nothing to tie to is reported, so the
 * bot can ask who or what was meant.
 */
import type { ConversationTurn, TurnContext } from '../answer.js';
import { tokenize } from '../text/tokenize.js';
import { findEntities, type Person, subjectOf } from './find-entities.js';

export interface Resolution {
  /** The message with its references replaced by what they refer to. */
  text: string;
  /** The references that were replaced, as typed, and by what. */
  replaced: { said: string; meant: string }[];
  /** A reference nothing in the conversation could be tied to ("he"), or null. */
  unresolved: string | null;
}

type Referent = 'male' | 'female' | 'group' | 'thing' | 'organisation' | 'subject' | 'event';

interface Reference {
  pattern: RegExp;
  wants: Referent;
  possessive?: boolean;
}

/** Ordered: longer phrases first, so "the company" is not read as "the" + something. */
const REFERENCES: Reference[] = [
  { pattern: /\b(the|that|this) (company|firm|business|startup|group)\b/i, wants: 'organisation' },
  {
    pattern:
      /\b(that|this|the) (deal|agreement|partnership|pact|contract|story|news|announcement|arrangement|plan|investment)\b/i,
    wants: 'subject',
  },
  { pattern: /\b(he|him|himself)\b/i, wants: 'male' },
  { pattern: /\bhis\b/i, wants: 'male', possessive: true },
  { pattern: /\b(she|herself)\b/i, wants: 'female' },
  { pattern: /\bher\b/i, wants: 'female', possessive: true },
  { pattern: /\b(they|them|themselves)\b/i, wants: 'group' },
  { pattern: /\btheir\b/i, wants: 'group', possessive: true },
  { pattern: /\bits\b/i, wants: 'thing', possessive: true },
  { pattern: /\bit\b/i, wants: 'thing' },
  // "that" or "this" standing for the last thing talked about: "who reported that", "why is that".
  { pattern: /\b(that|this)(?=\s*[?.!]*\s*$)/i, wants: 'thing' },
];

/** The longest subject a definite reference ("the deal") is replaced by. */
const MAX_SUBJECT_WORDS = 5;

/** Words of a question that say what is wanted, not what it is about. */
const FRAME_WORDS = new Set(
  tokenize(
    'when where why how much many big large long who whom what which say said tell more about else again exactly happen happened mean cost worth',
  ),
);

/** The context of a turn: as stored, or derived from its text for older turns and digest turns. */
export async function contextOfTurn(turn: ConversationTurn): Promise<TurnContext> {
  const stored = turn.context;
  // A digest's turn names no one itself (see digest-turn.ts): its stories do.
  if (stored && (stored.people.length > 0 || stored.organisations.length > 0 || stored.kind !== 'briefing'))
    return stored;
  if (stored) {
    const named = await findEntities(turn.answer);
    return { ...stored, people: named.people, organisations: named.organisations };
  }
  const asked = await findEntities(turn.question);
  const answered = await findEntities(turn.answer);
  const people = mergePeople(asked.people, answered.people);
  return {
    kind: 'answer',
    subject: await subjectOf(turn.question, people),
    people,
    organisations: [...new Set([...asked.organisations, ...answered.organisations])],
  };
}

export function mergePeople(first: Person[], then: Person[]): Person[] {
  const all = [...first];
  for (const p of then) if (!all.some((q) => q.name === p.name)) all.push(p);
  return all;
}

export async function resolveFollowUp(text: string, history: ConversationTurn[]): Promise<Resolution> {
  const contexts: TurnContext[] = [];
  for (const turn of [...history].reverse()) contexts.push(await contextOfTurn(turn));
  const own = await findEntities(text);
  let resolved = text;
  const replaced: Resolution['replaced'] = [];
  for (const reference of REFERENCES) {
    // Search after each replacement: the words put in ("the IT budget") are never read as references.
    let from = 0;
    for (;;) {
      const match = new RegExp(reference.pattern.source, 'gi');
      match.lastIndex = from;
      const found = match.exec(resolved);
      if (!found) break;
      const said = found[0];
      const before = resolved.slice(0, found.index);
      from = found.index + said.length;
      // "What did Sam Altman say about his company?": the name before the pronoun is its referent.
      if ((reference.wants === 'male' || reference.wants === 'female') && namesPersonIn(before, own.people))
        continue;
      const meant = referentOf(reference.wants, contexts);
      // "the deal" is searchable as it is: it becomes the subject only when that is a short phrase of
      // its own ("the AWS deal"), not a digest's whole headline.
      if (reference.wants === 'subject' && meant !== null && meant.split(' ').length > MAX_SUBJECT_WORDS)
        continue;
      if (meant === null) {
        if (reference.wants === 'subject') continue; // "the deal" is still something to search for
        if (reference.wants === 'thing' && hasContent(text, said)) continue; // "is it true that AWS…"
        return { text, replaced, unresolved: said };
      }
      const shown = reference.possessive ? `${meant}’s` : meant;
      resolved = `${before}${shown}${resolved.slice(found.index + said.length)}`;
      from = before.length + shown.length;
      replaced.push({ said, meant });
    }
  }
  // "when?", "how much?", "and why": a question with nothing to be about takes the last subject that
  // can have a date, an amount or a cause: not a person or a role ("the CEO of AWS"), whose "how
  // much?" means the thing the conversation is about.
  if (!hasContent(resolved, '')) {
    const subject = referentOf('event', contexts);
    if (subject === null) return { text, replaced, unresolved: text.trim().replace(/[?.!\s]+$/u, '') };
    resolved = `${resolved.trim().replace(/[?.!\s]+$/u, '')} ${subject}?`;
    replaced.push({ said: '', meant: subject });
  }
  return { text: resolved, replaced, unresolved: null };
}

function namesPersonIn(before: string, people: Person[]): boolean {
  return people.some((p) => before.includes(p.name));
}

/** Whether `text` has a word to search for besides `except` and the words that frame a question. */
function hasContent(text: string, except: string): boolean {
  const left = except === '' ? text : text.replace(except, ' ');
  return tokenize(left).some((t) => !FRAME_WORDS.has(t));
}

/** Words of a subject that make it a person's role rather than a thing ("the CEO of AWS"). */
const ROLE_SUBJECT =
  /\b(ceo|cto|cfo|coo|chief|president|founder|cofounder|chair(man|woman)?|director|head|boss|minister|spokes(person|man|woman)|executive|leader|analyst|who)\b/i;

/** Whether a subject is a person or a role: what "when?" or "how much?" cannot be about. */
function isPersonLike(subject: string, people: TurnContext['people']): boolean {
  const lower = subject.toLowerCase();
  return ROLE_SUBJECT.test(subject) || people.some((p) => lower.includes(p.name.toLowerCase()));
}

/** What a reference of this kind points at, from the newest turn that has one; null when none does. */
function referentOf(wants: Referent, contexts: TurnContext[]): string | null {
  if (wants === 'event') {
    const thing = contexts.find((c) => c.subject && !isPersonLike(c.subject, c.people))?.subject;
    if (thing) return thing;
    // No thing was named: the organisations the newest turn named ("how much?" after "who is the
    // CEO of AWS?" is about AWS and the company its answer named with it).
    const named = contexts.find((c) => c.organisations.length > 0)?.organisations;
    return named ? named.slice(0, 2).join(' and ') : null;
  }
  for (const c of contexts) {
    const people = (gender: 'male' | 'female') =>
      c.people.find((p) => p.gender === gender) ?? c.people.find((p) => p.gender === null);
    switch (wants) {
      case 'male':
      case 'female': {
        const person = people(wants);
        if (person) return person.name;
        break;
      }
      case 'organisation':
        if (c.organisations[0]) return c.organisations[0];
        break;
      case 'group':
        if (c.organisations[0]) return c.organisations[0];
        if (c.people.length > 1) return c.people.map((p) => p.name).join(' and ');
        break;
      case 'thing':
      case 'subject':
        if (c.subject) return c.subject;
        if (wants === 'thing' && c.organisations[0]) return c.organisations[0];
        break;
    }
  }
  return null;
}
