/**
 * How an Answer looks on Discord: cited text, numbered sources with linked titles, outlets, dates and
 * quotes, vote buttons, a distinct abstention, and every message within Discord's limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeAnswer, makeCitation } from '../../test-support/make-answer.js';
import { parseButtonId } from './button-ids.js';
import { renderAnswer } from './render-answer.js';
import { formBodyProblems } from './testing/wire-checks.js';

describe('renderAnswer', () => {
  it('shows the answer with its markers and each source numbered, linked, dated and quoted', () => {
    const [message] = renderAnswer(makeAnswer(), { answerId: 'ans-1', rootId: '42' });
    const [answer, sources] = message?.embeds ?? [];
    expect(answer?.title).toBe('How big is the AWS deal?');
    expect(answer?.description).toBe('OpenAI signed a seven-year, $38 billion agreement with AWS. [1]');
    expect(sources?.fields).toEqual([
      {
        name: '[1] GeekWire · 3 Nov 2025',
        value:
          '[OpenAI signs $38 billion AWS deal](https://www.geekwire.com/2025/openai-aws/)\n> “The company announced a seven-year agreement with Amazon Web Services (AWS) worth $38 billion.”',
      },
    ]);
  });

  it('says "date unknown" and "unknown outlet" instead of inventing them, and bolds unlinked titles', () => {
    const [message] = renderAnswer(
      makeAnswer({ citations: [makeCitation({ publishedAt: null, source: null, url: null })] }),
      {
        answerId: null,
        rootId: '1',
      },
    );
    const field = message?.embeds?.[1]?.fields?.[0];
    expect(field?.name).toBe('[1] unknown outlet · date unknown');
    expect(field?.value.startsWith('**OpenAI signs $38 billion AWS deal**\n')).toBe(true);
    expect(message?.components).toBeUndefined();
  });

  it('puts 👍/👎 buttons carrying the answer id and conversation root on the last message', () => {
    const messages = renderAnswer(makeAnswer(), { answerId: 'ans-1', rootId: '42' });
    const ids = messages
      .at(-1)
      ?.components?.[0]?.components.map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(ids?.map((id) => parseButtonId(id ?? ''))).toEqual([
      { kind: 'vote', vote: 'up', answerId: 'ans-1', rootId: '42' },
      { kind: 'vote', vote: 'down', answerId: 'ans-1', rootId: '42' },
    ]);
  });

  it('makes an abstention look different and calls its sources the closest ones', () => {
    const answered = renderAnswer(makeAnswer(), { answerId: 'a', rootId: '1' })[0]?.embeds ?? [];
    const abstained =
      renderAnswer(makeAnswer({ abstained: true, answer: 'The articles do not say.' }), {
        answerId: 'a',
        rootId: '1',
      })[0]?.embeds ?? [];
    expect(abstained[0]?.title).toBe('Not in the articles I have read');
    expect(abstained[0]?.color).not.toBe(answered[0]?.color);
    expect(abstained[1]?.title).toBe('Closest sources');
  });

  it('flags disagreeing sources above the answer', () => {
    const [answer] =
      renderAnswer(makeAnswer({ disagreement: true }), { answerId: 'a', rootId: '1' })[0]?.embeds ?? [];
    expect(answer?.description).toMatch(/^⚠️ \*\*The sources disagree\*\*/);
  });

  it('keeps article text inert: no masked links, headings or formatting from the source', () => {
    const citation = makeCitation({
      title: '[Click me](https://evil.example)',
      quote: '# Big **news**',
      url: null,
    });
    const field = renderAnswer(makeAnswer({ citations: [citation] }), { answerId: 'a', rootId: '1' })[0]
      ?.embeds?.[1]?.fields?.[0];
    expect(field?.value).not.toMatch(/\[Click me\]\(https/);
    expect(field?.value).toContain('\\*\\*news\\*\\*');
  });

  it('fits any answer into messages Discord accepts, keeping every source once and in order', () => {
    const citation = fc.record({
      title: fc.string({ minLength: 1, maxLength: 400 }),
      source: fc.option(fc.string({ minLength: 1, maxLength: 300 })),
      url: fc.option(fc.webUrl({ size: 'large' })),
      quote: fc.string({ minLength: 1, maxLength: 2000 }),
    });
    fc.assert(
      fc.property(
        fc.array(citation, { maxLength: 60 }),
        fc.string({ maxLength: 12_000 }),
        fc.string({ maxLength: 400 }),
        (cs, text, question) => {
          const answer = makeAnswer({
            question,
            answer: text,
            citations: cs.map((c, i) => makeCitation({ ...c, n: i + 1 })),
          });
          const messages = renderAnswer(answer, {
            answerId: '00000000-0000-0000-0000-000000000000',
            rootId: '1234567890123456789',
          });
          for (const m of messages)
            expect(formBodyProblems(m as Parameters<typeof formBodyProblems>[0])).toEqual([]);
          const numbers = messages
            .flatMap((m) => m.embeds ?? [])
            .flatMap((e) => e.fields ?? [])
            .map((f) => Number(f.name.match(/^\[(\d+)\]/)?.[1]));
          expect(numbers).toEqual(cs.map((_, i) => i + 1));
          expect(messages.filter((m) => m.components).length).toBe(1);
        },
      ),
      { numRuns: 30 },
    );
  });
});
