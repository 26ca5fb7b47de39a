/**
 * @module adapters/slack/render-answer.test
 * How an Answer looks in Block Kit: markers, numbered sources, feedback buttons, abstentions, and splitting.
 */
import { describe, expect, it } from 'vitest';
import { makeAnswer, makeCitation } from '../../test-support/make-answer.js';
import { BLOCKS_PER_MESSAGE, type Block, SECTION_TEXT_LIMIT, toMessages } from './blocks.js';
import { ABSTAIN_MARK, FEEDBACK_DOWN, FEEDBACK_UP, renderAnswer } from './render-answer.js';

const texts = (blocks: Block[]) =>
  blocks.map((b) =>
    b.type === 'section' ? (b.text?.text ?? '') : b.type === 'context' ? JSON.stringify(b.elements) : '',
  );

describe('renderAnswer', () => {
  it('shows the answer with its markers, then numbered sources with link, outlet, date and quote', () => {
    const reply = renderAnswer(makeAnswer(), { answerId: 'ans-1' });
    const all = texts(reply.blocks).join('\n');
    expect(all).toContain('OpenAI signed a seven-year, $38 billion agreement with AWS. [1]');
    expect(all).toContain('*Sources*');
    expect(all).toContain(
      '*[1]* <https://www.geekwire.com/2025/openai-aws/|OpenAI signs $38 billion AWS deal>',
    );
    expect(all).toContain('_GeekWire · 3 Nov 2025_');
    expect(all).toContain('> The company announced a seven-year agreement');
    expect(reply.text).toContain('$38 billion');
    expect(all).not.toContain(ABSTAIN_MARK);
  });

  it('says "date unknown" and names no link when the article lacks them', () => {
    const reply = renderAnswer(
      makeAnswer({ citations: [makeCitation({ url: null, publishedAt: null, source: null })] }),
      {
        answerId: 'a',
      },
    );
    expect(texts(reply.blocks).join('\n')).toContain(
      '*[1]* OpenAI signs $38 billion AWS deal\n_outlet unknown · date unknown_',
    );
  });

  it('ends with 👍/👎 buttons that carry the answer id', () => {
    const last = renderAnswer(makeAnswer(), { answerId: 'ans-42' }).blocks.at(-1);
    expect(last?.type).toBe('actions');
    const elements = last?.type === 'actions' ? last.elements : [];
    expect(elements.map((e) => ('action_id' in e ? [e.action_id, 'value' in e ? e.value : ''] : []))).toEqual(
      [
        [FEEDBACK_UP, 'ans-42'],
        [FEEDBACK_DOWN, 'ans-42'],
      ],
    );
  });

  it('makes an abstention look different and calls its sources the closest ones', () => {
    const reply = renderAnswer(
      makeAnswer({ abstained: true, answer: 'The articles do not say when the deal closes.', sentences: [] }),
      { answerId: 'a' },
    );
    const all = texts(reply.blocks).join('\n');
    expect(all.startsWith(`${ABSTAIN_MARK} *I couldn't find a grounded answer`)).toBe(true);
    expect(all).toContain('> The articles do not say when the deal closes.');
    expect(all).toContain('*Closest sources*');
    expect(all).not.toContain('*Sources*');
  });

  it('flags disagreement and shows the note', () => {
    const all = texts(
      renderAnswer(makeAnswer({ disagreement: true, note: 'Model unavailable; extractive answer.' }), {
        answerId: 'a',
      }).blocks,
    ).join('\n');
    expect(all).toContain('sources disagree');
    expect(all).toContain('Model unavailable; extractive answer.');
  });

  it('splits an answer beyond Slack limits into sections ≤ 3,000 characters and messages ≤ 50 blocks', () => {
    const sentence = 'AWS will deploy hundreds of thousands of chips & more for OpenAI. [1] ';
    const citations = Array.from({ length: 70 }, (_, i) =>
      makeCitation({ n: i + 1, quote: `Quote ${i + 1} ${'word '.repeat(700)}` }),
    );
    const answer = makeAnswer({ answer: sentence.repeat(200), citations });
    const messages = toMessages(renderAnswer(answer, { answerId: 'a' }));
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(BLOCKS_PER_MESSAGE);
      expect(message.text.length).toBeGreaterThan(0);
      for (const text of texts(message.blocks)) expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    }
    const all = messages.flatMap((m) => texts(m.blocks)).join(' ');
    expect(all.match(/AWS will deploy/g)?.length).toBe(200);
    expect(all).toContain('*[70]*');
    expect(messages.at(-1)?.blocks.at(-1)?.type).toBe('actions');
    expect(messages.at(-1)?.blocks.length).toBeGreaterThan(1);
  });
});
