import { describe, expect, it } from 'vitest';
import type { ConversationTurn } from '../answer.js';
import { findEntities, subjectOf } from './find-entities.js';
import { resolveFollowUp } from './resolve-follow-up.js';

const turn = (question: string, answer: string, context?: ConversationTurn['context']): ConversationTurn =>
  context ? { question, answer, context } : { question, answer };

const CEO = turn(
  'Who is the CEO of AWS?',
  '“AWS’s world-class infrastructure will be the backbone of their AI ambitions,” added Matt Garman, CEO of AWS. [1]',
);
const DEAL = turn('How big is the AWS deal?', 'It is a $38 billion agreement over seven years. [1]');

describe('resolveFollowUp', () => {
  it('ties "he" to the person the last answer named, and "it" to the last subject', async () => {
    expect((await resolveFollowUp('and what did he say?', [CEO])).text).toBe('and what did Matt Garman say?');
    expect((await resolveFollowUp('when will it be deployed?', [DEAL])).text).toBe(
      'when will the AWS deal be deployed?',
    );
    expect((await resolveFollowUp('how much is its value', [DEAL])).text).toBe(
      'how much is the AWS deal’s value',
    );
  });

  it('gives a bare "when?" or "how much?" the last subject', async () => {
    const when = await resolveFollowUp('when?', [DEAL]);
    expect(when).toMatchObject({ text: 'when the AWS deal?', unresolved: null });
    expect((await resolveFollowUp('how much', [DEAL])).text).toBe('how much the AWS deal?');
  });

  it('gives a bare "how much?" after a question about a role the thing talked about, not the role', async () => {
    // "Who is the CEO of AWS?" is about a person: "how much?" after it means the deal before it, and
    // with nothing before it the organisations the answer named.
    expect((await resolveFollowUp('how much?', [DEAL, CEO])).text).toBe('how much the AWS deal?');
    const when = await resolveFollowUp('when?', [CEO]);
    expect(when).toMatchObject({ text: 'when AWS?', unresolved: null });
    const named = turn('Who is the CEO of AWS?', 'Matt Garman leads AWS, which signed with OpenAI. [1]');
    expect((await resolveFollowUp('how much', [named])).text).toBe('how much AWS and OpenAI?');
  });

  it('reads "the company" as the last organisation and "the deal" as the last subject', async () => {
    const context = {
      kind: 'answer' as const,
      subject: 'the OpenAI AWS deal',
      people: [],
      organisations: ['Amazon Web Services'],
    };
    const history = [turn('How big is the OpenAI AWS deal?', 'It is $38 billion. [1]', context)];
    expect((await resolveFollowUp('what does the company get?', history)).text).toBe(
      'what does Amazon Web Services get?',
    );
    expect((await resolveFollowUp('who signed that deal', history)).text).toBe(
      'who signed the OpenAI AWS deal',
    );
  });

  it('uses the newest turn that has a referent, and a name before the pronoun wins', async () => {
    expect((await resolveFollowUp('what did he say', [CEO, DEAL])).text).toBe('what did Matt Garman say');
    const own = await resolveFollowUp('What did Sam Altman say about his company?', [CEO]);
    expect(own.text).toBe('What did Sam Altman say about his company?');
  });

  it('reports a reference with nothing to tie to instead of guessing', async () => {
    expect(await resolveFollowUp('what did he say?', [])).toMatchObject({ unresolved: 'he' });
    expect(await resolveFollowUp('when?', [])).toMatchObject({ unresolved: 'when' });
    // Only men were named: "she" is not one of them.
    expect(await resolveFollowUp('and what did she say', [CEO])).toMatchObject({ unresolved: 'she' });
    // "it" with words of its own to search is not a dangling reference.
    expect(await resolveFollowUp('is it true that AWS has GB200 chips?', [])).toMatchObject({
      unresolved: null,
    });
  });

  it('never reads the words it put in as references', async () => {
    const context = { kind: 'answer' as const, subject: 'the IT budget', people: [], organisations: [] };
    const resolved = await resolveFollowUp('how big is it', [
      turn('What about the IT budget?', 'x', context),
    ]);
    expect(resolved.text).toBe('how big is the IT budget');
  });
});

describe('findEntities', () => {
  it('finds people with a presumed gender and organisations, not headline words or sentence starts', async () => {
    const found = await findEntities(
      'AWS vice president Dave Brown confirmed it. According to CNBC, OpenAI signed with Amazon Web Services. While Matt Garman spoke, Garman smiled.',
    );
    expect(found.people).toEqual([
      { name: 'Dave Brown', gender: 'male' },
      { name: 'Matt Garman', gender: 'male' },
    ]);
    expect(found.organisations).toEqual(
      expect.arrayContaining(['AWS', 'CNBC', 'OpenAI', 'Amazon Web Services']),
    );
    expect(found.organisations).not.toContain('While');
    const headline = await findEntities(
      'Amazon Commits Major AWS Resources to OpenAI, Reshaping AI Infrastructure',
    );
    expect(headline.people).toEqual([]);
    expect(headline.organisations).not.toContain('Amazon Commits');
  });

  it("takes a question's first noun phrase that is not a person as its subject", async () => {
    expect(await subjectOf('How big is the AWS deal?')).toBe('the AWS deal');
    expect(await subjectOf('how much is the openai aws deal worth')).toBe('the openai aws deal');
    // The quantity asked about is not the thing: "it" after this is the Raspberry Pis.
    expect(await subjectOf('how many raspberry pis have been shipped')).toBe('raspberry pis');
    expect(
      await subjectOf('What did Sam Altman say about the partnership?', [
        { name: 'Sam Altman', gender: 'male' },
      ]),
    ).toBe('the partnership');
    expect(await subjectOf('what did he say')).toBeNull();
  });
});
