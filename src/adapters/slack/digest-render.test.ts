/**
 * @module adapters/slack/digest-render.test
 * Digests as Block Kit: stories with linked headlines, facts and sources, escaping, and Slack's limits.
 */
import { describe, expect, it } from 'vitest';
import { makeCitation } from '../../test-support/make-answer.js';
import {
  BLOCKS_PER_MESSAGE,
  MESSAGE_TEXT_LIMIT,
  SECTION_TEXT_LIMIT,
  type SlackMessage,
  type SlackReply,
  toMessages,
} from './blocks.js';
import { renderDigest } from './digest-render.js';
import { makeDigest, makeStory, makeWellSourcedStories } from './testing/digest-fixtures.js';

/** Something Slack would turn into a notification. */
const PING = /<[!@#]|(^|[\s"(>*_])@(channel|here|everyone|[A-Z0-9]{6,})\b/;

const allText = (reply: SlackReply) => `${reply.text}\n${JSON.stringify(reply.blocks)}`;
const blockTexts = (reply: SlackReply) =>
  reply.blocks.flatMap((b) => {
    if (b.type === 'section') return [b.text?.text ?? ''];
    if (b.type === 'context') return b.elements.map((e) => ('text' in e ? e.text : ''));
    return [];
  });

/** What Slack counts against a message's block text: every text string in its blocks. */
const messageText = (message: SlackMessage) =>
  [...JSON.stringify(message.blocks).matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].reduce(
    (n, m) => n + JSON.parse(`"${m[1]}"`).length,
    0,
  );

describe('renderDigest', () => {
  it('shows each story with its linked headline, summary, facts, disagreement, outlets and sources', () => {
    const story = makeStory({
      headline: 'OpenAI signs $38 billion AWS deal',
      updated: true,
      summary: 'OpenAI signed a seven-year agreement with AWS. [1]',
      facts: [
        { text: 'The deal is worth $38 billion.', citations: [1, 2] },
        { text: '', citations: [] },
      ],
      disagreement: 'Sources disagree: one says the figures were not disclosed [3].',
      citations: [
        makeCitation({ n: 1, articleId: 'a1', title: 'OpenAI signs $38 billion AWS deal' }),
        makeCitation({ n: 2, articleId: 'a2', title: 'AWS wins OpenAI', source: null, url: null }),
        makeCitation({ n: 3, articleId: 'a1', title: 'OpenAI signs $38 billion AWS deal' }),
      ],
      articleIds: ['a1', 'a2'],
      outlets: ['GeekWire'],
      unknownOutlets: 1,
    });
    const reply = renderDigest(makeDigest({ stories: [story] }));
    const [heading, ...texts] = blockTexts(reply);
    expect(heading).toBe(':newspaper: *News digest: 1 story since 2026-03-01 09:00 UTC*');
    expect(texts[0]).toBe(
      [
        '*1. <https://www.geekwire.com/2025/openai-aws/|OpenAI signs $38 billion AWS deal>* _(updated)_',
        'OpenAI signed a seven-year agreement with AWS. [1]',
        '• The deal is worth $38 billion. [1][2]',
        ':warning: Sources disagree: one says the figures were not disclosed [3].',
      ].join('\n'),
    );
    expect(texts[1]).toBe('2 sources: GeekWire, 1 unnamed · newest 2 Mar 2026, 09:00 UTC');
    expect(texts[2]).toBe(
      [
        '*Sources*',
        '*[1][3]* <https://www.geekwire.com/2025/openai-aws/|OpenAI signs $38 billion AWS deal> · _GeekWire · 3 Nov 2025_',
        '*[2]* AWS wins OpenAI · _outlet unknown · 3 Nov 2025_',
      ].join('\n'),
    );
    expect(reply.text).toContain('OpenAI signs $38 billion AWS deal');
  });

  it('leaves the headline unlinked when its article has no URL, and says "date unknown"', () => {
    const story = makeStory({ citations: [makeCitation({ url: null, publishedAt: null })] });
    const text = allText(renderDigest(makeDigest({ stories: [story] })));
    expect(text).toContain('*1. OpenAI signs $38 billion AWS deal*');
    expect(text).toContain('GeekWire · date unknown');
    expect(text).not.toContain('(updated)');
  });

  it('ends with how many stories were left out and how to find them', () => {
    const reply = renderDigest(makeDigest({ more: 3 }));
    expect(blockTexts(reply).at(-1)).toBe('…and 3 more — try `/brief search &lt;terms&gt;`');
    expect(blockTexts(reply)[0]).toContain('4 stories');
  });

  it('is one line when nothing is new', () => {
    const digest = makeDigest({ stories: [], topic: 'AI chips' });
    expect(renderDigest(digest)).toEqual({
      text: 'Nothing new about "AI chips" since 2026-03-01 09:00 UTC.',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'Nothing new about "AI chips" since 2026-03-01 09:00 UTC.' },
        },
      ],
    });
    expect(renderDigest(digest, { emptyText: 'Nothing new since the last digest.' }).text).toBe(
      'Nothing new since the last digest.',
    );
  });

  it('neutralises mentions and markup from articles and topics', () => {
    const hostile = '<!channel> @here <@U999ABC> <!subteam^S1|@editors> AT&T <b>';
    const story = makeStory({
      headline: `${hostile} headline`,
      summary: `${hostile} summary [1]`,
      facts: [{ text: `${hostile} fact`, citations: [1] }],
      disagreement: `${hostile} disagree`,
      outlets: ['@everyone'],
      citations: [
        makeCitation({ title: `${hostile} headline`, source: '@channel', url: 'https://x.test/<!here>' }),
      ],
    });
    const reply = renderDigest(makeDigest({ topic: '<!everyone> @here', stories: [story] }));
    const text = allText(reply);
    expect(text).not.toMatch(PING);
    expect(text).toContain('AT&amp;T &lt;b&gt;');
    expect(text).not.toContain('https://x.test/<!here>');
  });

  it('stays within 3,000 characters per section and 50 blocks per message, losing nothing', () => {
    const stories = Array.from({ length: 20 }, (_, i) =>
      makeStory({
        id: `s${i}`,
        headline: `Story ${i + 1}`,
        summary: `${'A long summary sentence. '.repeat(150)}[1]`,
        facts: Array.from({ length: 5 }, (_, f) => ({
          text: `Fact ${f} of story ${i + 1}. ${'Detail. '.repeat(60)}`,
          citations: [f + 1],
        })),
        citations: Array.from({ length: 40 }, (_, n) =>
          makeCitation({
            n: n + 1,
            articleId: `s${i}-a${n}`,
            title: `Source ${n + 1} ${'title '.repeat(20)}`,
          }),
        ),
      }),
    );
    const reply = renderDigest(makeDigest({ stories }));
    for (const text of blockTexts(reply)) expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    const messages = toMessages(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.blocks.length).toBeLessThanOrEqual(BLOCKS_PER_MESSAGE);
    const all = messages.map((m) => JSON.stringify(m.blocks)).join('');
    for (let i = 1; i <= 20; i++) expect(all).toContain(`*${i}. Story ${i}*`);
    expect(all.match(/A long summary sentence\./g)?.length).toBe(150 * 20);
    expect(all).toContain('*[40]* <https://www.geekwire.com/2025/openai-aws/|Source 40 ');
  });

  it('splits a well-sourced digest before Slack refuses its block text (msg_blocks_too_long)', () => {
    const stories = makeWellSourcedStories();
    const reply = renderDigest(makeDigest({ stories }));
    expect(reply.blocks.length).toBeLessThan(BLOCKS_PER_MESSAGE);
    const messages = toMessages(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(messageText(message)).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
    expect(messages.flatMap((m) => m.blocks)).toEqual(reply.blocks);
  });
});
