/**
 * @module adapters/slack/mrkdwn.test
 * Escaping for Slack: untrusted text never pings anyone or injects markup; incoming markup becomes plain text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mentionsBot, mentionsSomeoneElse, mrkdwnLink, toPlainText } from './mrkdwn.js';

/** A mention Slack would act on: `<!…>`, `<@…>`, or a bare `@channel`/`@here`/`@everyone` word. */
const PING = /<[!@#]|(^|[^\p{L}\p{N}_])@(channel|here|everyone)\b/u;

describe('escapeMrkdwn', () => {
  it('escapes &, < and > as Slack requires', () => {
    expect(escapeMrkdwn('AT&T <b> 5 > 3')).toBe('AT&amp;T &lt;b&gt; 5 &gt; 3');
  });

  it('neutralises broadcast, user and group mentions', () => {
    const text =
      '<!channel> <!here> <!everyone> @channel @here @everyone <@U123> <!subteam^S1|@team> hi @ann';
    const escaped = escapeMrkdwn(text);
    expect(escaped).not.toMatch(PING);
    expect(escaped).not.toMatch(/(^|\s)@ann/);
    // Still readable: the words are all there.
    expect(escaped.replace(/\u2060/g, '')).toContain('@channel @here @everyone');
  });

  it('leaves e-mail addresses alone', () => {
    expect(escapeMrkdwn('write to news@example.com')).toBe('write to news@example.com');
  });

  it('never lets arbitrary text ping anyone', () => {
    const tricky = fc.constantFrom(
      '<',
      '>',
      '&',
      '@',
      '!',
      'channel',
      'here',
      'everyone',
      '<@U1>',
      '<!here>',
      ' ',
      '\n',
      'a',
    );
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 30 }), (parts) => {
        expect(escapeMrkdwn(parts.join(''))).not.toMatch(PING);
      }),
    );
  });
});

describe('mrkdwnLink', () => {
  it('links an http(s) URL with an escaped label', () => {
    expect(mrkdwnLink('https://example.com/a?x=1&y=2', 'A <b> & C')).toBe(
      '<https://example.com/a?x=1&amp;y=2|A &lt;b&gt; &amp; C>',
    );
  });

  it('shows only the label for a missing or non-web URL', () => {
    expect(mrkdwnLink(null, 'Title')).toBe('Title');
    expect(mrkdwnLink('javascript:alert(1)', 'Title')).toBe('Title');
    expect(mrkdwnLink('https://x.com/a|b', 'Title')).toBe('Title');
  });
});

describe('toPlainText', () => {
  it('removes the bot mention and decodes Slack markup', () => {
    expect(
      toPlainText(
        '<@UBOT> What did <@U1|ann> say in <#C1|news> about AT&amp;T &lt;3 <https://x.com|this>?',
        'UBOT',
      ),
    ).toBe('What did @ann say in #news about AT&T <3 this?');
  });

  it('turns broadcast mentions into plain words', () => {
    expect(toPlainText('<!channel> <!here> <!subteam^S1|@editors> deal?', 'UBOT')).toBe(
      '@channel @here @@editors deal?',
    );
  });
});

describe('mentions', () => {
  it('tells the bot apart from other people', () => {
    expect(mentionsBot('<@UBOT> hi', 'UBOT')).toBe(true);
    expect(mentionsSomeoneElse('<@UBOT> hi', 'UBOT')).toBe(false);
    expect(mentionsSomeoneElse('<@U2|bob> what do you think?', 'UBOT')).toBe(true);
  });
});
