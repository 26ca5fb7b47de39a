/**
 * No clickable link from article text in anything the bot shows on Discord: every masked link (several
 * on a line, nested brackets), bare URL and `<autolink>` is made inert, while the words show as written,
 * checked with an independent Discord markdown parser; end to end, an answer posted through discord.js.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { makeAnswer, makeCitation } from '../../test-support/make-answer.js';
import { renderDigest } from './digest-render.js';
import { linkedTitle, plain } from './render-parts.js';
import { type GuildHarness, startGuildHarness } from './testing/guild-harness.js';
import { clickableLinks, embedTexts, shownText } from './testing/rendered-markdown.js';

const HOSTILE = [
  '[one](https://a.example) then [mirror](https://evil.example/phish)',
  'See [a](https://a.example), [b](https://b.example) and [c](https://c.example).',
  '[[nested] brackets](https://evil.example/nested) and [x[y]z](https://evil.example/2)',
  'Angle <https://evil.example/auto> and bare https://evil.example/bare here',
  '[label](<https://evil.example/angle>) [t](https://evil.example "title")',
  'Already escaped \\[x](https://evil.example/esc) and \\\\[y](https://evil.example/esc2)',
  'Mixed http://evil.example/plain, HTTPS://EVIL.EXAMPLE/CAPS and ftp://files.example/x',
  '**[bold link](https://evil.example/b)** ||[spoiler](https://evil.example/s)|| `[code](https://c.example)`',
  '![image](https://evil.example/i.png) and [ref][1] with [1]: https://evil.example/ref',
];

describe('discord plain()', () => {
  it('leaves no clickable link in article text, whatever shape the links take', () => {
    for (const text of HOSTILE) {
      expect(clickableLinks(plain(text)), text).toEqual([]);
    }
  });

  it('shows the words as written', () => {
    for (const text of HOSTILE.slice(0, 7)) expect(shownText(plain(text)), text).toBe(text);
  });

  it('leaves no link in any text made of link pieces', () => {
    const piece = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '\\',
      'https://',
      'http://',
      'evil.example/p',
      'word',
      ' ',
      '"t"',
      '*',
      '|',
      '`',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        expect(clickableLinks(plain(pieces.join('')))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the one link the bot makes itself: the title to its article URL', () => {
    const title = linkedTitle(
      'Deal [see](https://evil.example) https://evil.example/t',
      'https://news.example/a',
    );
    expect(clickableLinks(title)).toEqual(['https://news.example/a']);
  });
});

describe('discord digests and answers from hostile articles', () => {
  it('render no link but the articles’ own URLs', () => {
    const hostile = HOSTILE.join(' ');
    const citation = makeCitation({
      title: hostile,
      quote: hostile,
      source: hostile,
      url: 'https://news.example/a',
    });
    const digest = {
      window: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
      topic: null,
      stories: [
        {
          id: 'a1',
          headline: hostile,
          summary: hostile,
          facts: [{ text: hostile, citations: [1] }],
          citations: [citation],
          articleIds: ['a1'],
          outlets: [hostile],
          unknownOutlets: 0,
          disagreement: hostile,
          updated: false,
          newOutlets: [],
        },
      ],
      more: 0,
    };
    const texts = renderDigest(digest as never, { emptyText: 'none' }).flatMap((m) => [
      m.content ?? '',
      ...(m.embeds ?? []).flatMap(embedTexts),
    ]);
    const links = texts.flatMap(clickableLinks);
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links)).toEqual(new Set(['https://news.example/a']));
  });
});

describe('discord answer with links in the quoted article, end to end', () => {
  let h: GuildHarness;
  afterEach(async () => {
    await h.close();
  });

  it('posts embeds whose only links are the cited articles’ URLs', async () => {
    const hostile = HOSTILE.join(' ');
    const answer = makeAnswer({
      answer: `${HOSTILE[0]} [1]`,
      citations: [makeCitation({ title: HOSTILE[2] ?? '', quote: hostile, url: 'https://news.example/a' })],
    });
    h = await startGuildHarness({ briefing: (seeded) => ({ ...seeded.briefing, ask: async () => answer }) });
    const reply = await h.replyTo(h.say(h.channel.id, h.mention('What does the article say?')).id);
    const links = (reply.embeds as Parameters<typeof embedTexts>[0][])
      .flatMap(embedTexts)
      .flatMap(clickableLinks);
    expect(links).toEqual(['https://news.example/a']);
  });
});
