/**
 * @module core/conversation/answer-message
 * Turns one classified message and the conversation before it into a reply: small talk, a briefing or
 * its next page, who covered a story, where its sources disagree, more about the last subject, a
 * clarifying question for a reference with nothing to tie to, or a looked-up answer (pronouns resolved
 * first). Also says what the turn was about, for the follow-up after it.
 */
import type { Answer, ConversationTurn, TurnContext } from '../answer.js';
import type { Briefing } from '../briefing.js';
import { windowDays } from './brief-news.js';
import { classifyMessage, type Intent } from './classify-message.js';
import { findEntities, subjectOf } from './find-entities.js';
import type { BriefedStory, ConversationReply } from './reply.js';
import { plainAnswer } from './reply.js';
import { contextOfTurn, mergePeople, resolveFollowUp } from './resolve-follow-up.js';
import { smallTalkText } from './small-talk.js';
import {
  agreementAnswer,
  coverageAnswer,
  detailAnswer,
  disagreementAnswer,
  noStory,
} from './story-coverage.js';

/** A reply before it is recorded, and the context its turn is remembered with. */
export interface Drafted {
  reply: Omit<ConversationReply, 'answerId'>;
  /**
   * Works out the context the turn is remembered with. Called after the reply is shown: finding who and
   * what a text names is a full NLP parse of the question and the answer (tens of ms of CPU), which
   * the person waiting for the answer does not need.
   */
  context: () => Promise<TurnContext>;
}

export interface AnswerOptions {
  onProgress?: (partialText: string) => void;
}

export async function answerMessage(
  briefing: Briefing,
  text: string,
  history: ConversationTurn[],
  options: AnswerOptions = {},
): Promise<Drafted> {
  const intent = classifyMessage(text);
  const contexts: TurnContext[] = [];
  for (const turn of [...history].reverse()) contexts.push(await contextOfTurn(turn));
  // Small talk in between ("thanks") is not what "more" or "who reported that" refer to.
  const last = contexts.find((c) => c.kind !== 'chat' && c.kind !== 'clarify') ?? null;
  const reply = (kind: ConversationReply['kind'], answer: Answer, extra: Partial<Drafted['reply']> = {}) => ({
    kind,
    answer,
    stories: [],
    examples: [],
    resolvedQuestion: null,
    ...extra,
  });
  // A question goes to Briefing.ask, which reads its own cheap "nothing indexed" check; the others count
  // the store here (three queries, two of them over every article).
  if (intent.kind !== 'chat' && intent.kind !== 'question' && (await isEmpty(briefing))) {
    return nothingIndexed(briefing, text);
  }
  switch (intent.kind) {
    case 'chat': {
      const examples = await briefing.stories.examples();
      const { articles } = await briefing.sources();
      const answer = plainAnswer(text, smallTalkText(intent.act, examples, articles));
      return { reply: reply('chat', answer, { examples }), context: emptyContext('chat') };
    }
    case 'more':
      if (last?.briefing) {
        const { topic, days, shown } = last.briefing;
        return briefingReply(briefing, text, topic, days, shown);
      }
      if (last?.subject) return detailReply(briefing, text, last.subject, history);
      return briefingReply(briefing, text, null, windowDays('recent'), []);
    case 'briefing': {
      const topic = intent.topic ? await resolvedTopic(intent.topic, history) : null;
      return briefingReply(briefing, text, topic, windowDays(intent.window), []);
    }
    case 'detail':
    case 'coverage':
    case 'disagreement': {
      const topic = intent.topic ? await resolvedTopic(intent.topic, history) : (last?.subject ?? null);
      if (topic === null && intent.kind === 'disagreement') return topDisagreement(briefing, text);
      if (topic === null) {
        const what = intent.kind === 'detail' ? 'Tell you more about what?' : 'Which story do you mean?';
        const answer = plainAnswer(text, `${what} Ask again with its subject, e.g. a company or a deal.`);
        return { reply: reply('clarify', answer), context: emptyContext('clarify') };
      }
      if (intent.kind === 'detail') return detailReply(briefing, text, topic, history);
      return storyReply(briefing, text, topic, intent);
    }
    case 'question':
      return questionReply(briefing, text, history, options);
  }
}

async function questionReply(
  briefing: Briefing,
  text: string,
  history: ConversationTurn[],
  options: AnswerOptions,
): Promise<Drafted> {
  const resolution = await resolveFollowUp(text, history);
  if (resolution.unresolved !== null) {
    if (await isEmpty(briefing)) return nothingIndexed(briefing, text);
    const answer = plainAnswer(text, clarification(resolution.unresolved));
    const reply = { kind: 'clarify' as const, answer, stories: [], examples: [], resolvedQuestion: null };
    return { reply, context: emptyContext('clarify') };
  }
  const read = resolution.text;
  const answer = await briefing.ask(read, {
    ...(history.length > 0 ? { history } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const shown = { ...answer, question: text };
  const reply = {
    kind: 'answer' as const,
    answer: shown,
    stories: [],
    examples: [],
    resolvedQuestion: read === text ? null : read,
  };
  const context = async () => {
    const found = await contextOf('answer', read, answer.abstained ? '' : answer.answer);
    // "how much?" was given a subject: that is what the turn was about, not a phrase of the words put
    // together ("much the AWS deal").
    const added = resolution.replaced.find((r) => r.said === '');
    if (added) found.subject = added.meant;
    // "what did he say" is still about the deal the thread was about.
    if (found.subject === null && resolution.replaced.length > 0) {
      for (const turn of [...history].reverse()) {
        const earlier = await contextOfTurn(turn);
        if (earlier.subject) {
          found.subject = earlier.subject;
          break;
        }
      }
    }
    return found;
  };
  return { reply, context };
}

function clarification(reference: string): string {
  const said = reference.toLowerCase();
  if (/^(he|him|his|himself|she|her|hers|herself)$/.test(said))
    return `Who do you mean by “${reference}”? I can't tell from our conversation; ask again with the name.`;
  if (/^(they|them|their|themselves)$/.test(said))
    return `Who do you mean by “${reference}”? I can't tell from our conversation; ask again naming them.`;
  if (/^(it|its|that|this)$/.test(said))
    return `What do you mean by “${reference}”? I can't tell from our conversation; ask again naming it.`;
  return `“${reference}” about what? I can't tell from our conversation; ask again with what you'd like to know about.`;
}

async function briefingReply(
  briefing: Briefing,
  text: string,
  topic: string | null,
  days: number,
  shown: string[],
): Promise<Drafted> {
  const news = await briefing.stories.news({ question: text, topic, days, shown });
  const context = async () => ({
    ...(await contextOf('briefing', news.stories[0]?.headline ?? topic ?? '', storiesText(news.stories))),
    subject: topic ?? news.stories[0]?.headline ?? null,
    briefing: { topic, days, shown: news.shown },
  });
  const reply = { kind: 'briefing' as const, answer: news.answer, stories: news.stories, examples: [] };
  return { reply: { ...reply, resolvedQuestion: null }, context };
}

async function storyReply(
  briefing: Briefing,
  text: string,
  topic: string,
  intent: Extract<Intent, { kind: 'coverage' | 'disagreement' }>,
): Promise<Drafted> {
  const found = await briefing.stories.findStory(topic);
  const answer = !found
    ? noStory(text, topic)
    : intent.kind === 'coverage'
      ? coverageAnswer(text, found)
      : (disagreementAnswer(text, found) ?? agreementAnswer(text, found));
  const context = async () => ({ ...(await contextOf('coverage', topic, answer.answer)), subject: topic });
  const reply = { kind: 'coverage' as const, answer, stories: [], examples: [] };
  return { reply: { ...reply, resolvedQuestion: resolvedOrNull(text, topic) }, context };
}

async function detailReply(
  briefing: Briefing,
  text: string,
  topic: string,
  history: ConversationTurn[],
): Promise<Drafted> {
  const found = await briefing.stories.findStory(topic);
  if (!found) return questionReply(briefing, topic, history, {});
  const alreadySaid = history.map((t) => t.answer).join('\n');
  const answer = detailAnswer(text, found, alreadySaid);
  const context = async () => ({ ...(await contextOf('answer', topic, answer.answer)), subject: topic });
  const reply = { kind: 'answer' as const, answer, stories: [], examples: [] };
  return { reply: { ...reply, resolvedQuestion: resolvedOrNull(text, topic) }, context };
}

/** "What do the sources disagree on?" with nothing before it: the first top story whose sources do. */
async function topDisagreement(briefing: Briefing, text: string): Promise<Drafted> {
  const news = await briefing.stories.news({
    question: text,
    topic: null,
    days: windowDays('week'),
    shown: [],
  });
  for (const story of news.stories) {
    if (!story.disagreement) continue;
    const found = await briefing.stories.findStory(story.headline);
    const answer = found ? disagreementAnswer(text, found) : null;
    if (!answer) continue;
    const { headline } = story;
    const context = async () => ({
      ...(await contextOf('coverage', headline, answer.answer)),
      subject: headline,
    });
    return {
      reply: { kind: 'coverage', answer, stories: [], examples: [], resolvedQuestion: null },
      context,
    };
  }
  const answer = plainAnswer(
    text,
    "The sources of the top stories don't disagree on any figure I can check.",
  );
  return {
    reply: { kind: 'coverage', answer, stories: [], examples: [], resolvedQuestion: null },
    context: emptyContext('coverage'),
  };
}

/** A topic that is itself a reference ("that", "the deal", "it") takes what it refers to. */
async function resolvedTopic(topic: string, history: ConversationTurn[]): Promise<string> {
  const resolution = await resolveFollowUp(topic, history);
  return resolution.unresolved === null ? resolution.text.replace(/\?$/, '').trim() : topic;
}

function resolvedOrNull(text: string, topic: string): string | null {
  return text.toLowerCase().includes(topic.toLowerCase())
    ? null
    : `${text.replace(/[?.!\s]+$/u, '')} (${topic})`;
}

function storiesText(stories: BriefedStory[]): string {
  return stories.map((s) => `${s.headline}. ${s.sentences.map((x) => x.text).join(' ')}`).join('\n');
}

function emptyContext(kind: TurnContext['kind']): () => Promise<TurnContext> {
  return async () => ({ kind, subject: null, people: [], organisations: [] });
}

async function isEmpty(briefing: Briefing): Promise<boolean> {
  return (await briefing.sources()).articles === 0;
}

/** Briefing.ask says that nothing is indexed yet, and how to ingest: one wording for every entry. */
async function nothingIndexed(briefing: Briefing, text: string): Promise<Drafted> {
  const answer = await briefing.ask(text);
  return {
    reply: { kind: 'answer', answer, stories: [], examples: [], resolvedQuestion: null },
    context: emptyContext('answer'),
  };
}

/** What a turn was about: the question's subject, and who the question and the answer named. */
async function contextOf(kind: TurnContext['kind'], question: string, answer: string): Promise<TurnContext> {
  const asked = await findEntities(question);
  const answered = await findEntities(answer);
  const people = mergePeople(asked.people, answered.people);
  return {
    kind,
    // Only the question's own names are kept out of its subject: an answer that reads "Super Mario
    // Run" as a person must not leave "how much is super mario run" about nothing.
    subject: await subjectOf(question, asked.people),
    people,
    organisations: [...new Set([...asked.organisations, ...answered.organisations])],
  };
}
