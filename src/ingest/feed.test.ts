import { describe, expect, it } from 'vitest';
import {
  ATOM_XHTML_BASE,
  BILLION_LAUGHS,
  CDF,
  COMMENT_ONLY,
  JSON_FEED_10,
  JSON_FEED_11,
  MALFORMED,
  RSS_10,
  RSS_20_CDATA,
  RSS_091,
  rssOf,
} from '../feeds/testing/feed-fixtures.js';
import { htmlToText, looksLikeFeed, looksLikeXml, MAX_FEED_ENTRIES, parseFeed } from './feed.js';

const RSS = '<rss version="2.0"><channel><title>Example</title><item><title>A</title></item></channel></rss>';

describe('looksLikeFeed', () => {
  it('sees the feed behind a BOM, stylesheet instructions, comments and a doctype', () => {
    const prologs = [
      '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>\n',
      '\uFEFF<?xml version="1.0"?>',
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "http://x/rss.dtd">',
      '<?xml version="1.0"?><!-- generator --><?xml-stylesheet href="a.css"?><!-- more -->\n',
      '<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>',
    ];
    for (const prolog of prologs) {
      for (const type of ['application/xml', 'text/xml; charset=utf-8']) {
        expect(looksLikeFeed(prolog + RSS, type), prolog).toBe(true);
      }
    }
    expect(looksLikeFeed('<?xml-stylesheet href="a.xsl"?><feed xmlns="http://www.w3.org/2005/Atom"/>')).toBe(
      true,
    );
    expect(looksLikeFeed('<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>', 'text/xml')).toBe(true);
  });

  it('does not take other XML or HTML for a feed', () => {
    expect(
      looksLikeFeed('<?xml version="1.0"?><?xml-stylesheet href="a"?><urlset/>', 'application/xml'),
    ).toBe(false);
    expect(looksLikeFeed('<!DOCTYPE html><html><body>rss feed</body></html>', 'text/html')).toBe(false);
  });
});

describe('parseFeed', () => {
  it('takes the alternate link of an Atom entry, then one without rel, then an HTML one', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
      <entry><title>One</title><link rel="replies" type="text/html" href="https://b.example/1#comments"/>
        <link rel="edit" href="https://b.example/api/1"/><link rel="alternate" type="text/html" href="https://b.example/1"/></entry>
      <entry><title>Two</title><link rel="enclosure" href="https://b.example/2.mp3"/><link href="https://b.example/2"/></entry>
      <entry><title>Three</title><link rel="self" type="text/html" href="https://b.example/self"/>
        <link rel="shortlink" type="text/html" href="https://b.example/3"/></entry>
      <entry><title>Four</title><link rel="replies" href="https://b.example/4#c"/></entry>
    </feed>`;
    expect(parseFeed(atom, 'https://b.example/feed').entries.map((e) => e.link)).toEqual([
      'https://b.example/1',
      'https://b.example/2',
      'https://b.example/3',
      null,
    ]);
  });

  it('takes a permalink guid as the link of an RSS item without one, and keeps other guids as ids', () => {
    const rss = `<rss version="2.0"><channel><title>News</title>
      <item><title>A</title><guid isPermaLink="true">https://n.example/a</guid></item>
      <item><title>B</title><guid>https://n.example/b</guid></item>
      <item><title>C</title><guid isPermaLink="false">https://n.example/?p=3</guid></item>
      <item><title>D</title><guid>tag:n.example,2026:d</guid></item>
      <item><title>E</title><link>https://n.example/e</link><guid>https://n.example/?p=5</guid></item>
      <item><title>F</title></item>
    </channel></rss>`;
    const entries = parseFeed(rss, 'https://n.example/rss').entries;
    expect(entries.map((e) => [e.link, e.guid])).toEqual([
      ['https://n.example/a', null],
      ['https://n.example/b', null],
      [null, 'https://n.example/?p=3'],
      [null, 'tag:n.example,2026:d'],
      ['https://n.example/e', null],
      [null, null],
    ]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>G</title><id>urn:uuid:1225c695</id></entry></feed>`;
    expect(parseFeed(atom, 'https://b.example/atom').entries[0]).toMatchObject({
      link: null,
      guid: 'urn:uuid:1225c695',
    });
  });

  it('resolves relative links against xml:base and the feed URL', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><title>Blog</title>
      <entry><title>One</title><link href="posts/1"/></entry></feed>`;
    const rss = `<rss><channel><title>News</title><item><title>A</title><link>/a</link></item></channel></rss>`;
    expect(parseFeed(atom, 'https://b.example/feeds/atom.xml').entries[0]?.link).toBe(
      'https://b.example/blog/posts/1',
    );
    expect(parseFeed(rss, 'https://n.example/feeds/rss').entries[0]?.link).toBe('https://n.example/a');
  });

  it('decodes every entity in summaries and HTML titles', () => {
    const rss = `<rss><channel><title>AT&amp;amp;T News</title><item>
      <title>It&#8217;s &amp;mdash; a &amp;quot;deal&amp;quot;</title><link>https://n.example/a</link>
      <description>&lt;p&gt;Caf&amp;eacute; prices rose 5&amp;#8201;% &amp;mdash; &amp;amp;more&amp;hellip;&lt;/p&gt;&lt;p&gt;Next&amp;#x2019;s&lt;/p&gt;</description>
    </item></channel></rss>`;
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><entry>
      <title type="html">Q&amp;amp;A &lt;em&gt;today&lt;/em&gt; &amp;ndash; live</title>
      <title-ignored/><link href="https://b.example/1"/>
      <content type="html">&lt;p&gt;R&amp;amp;D&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</content></entry></feed>`;
    const news = parseFeed(rss, 'https://n.example/rss');
    expect(news.title).toBe('AT&T News');
    expect(news.entries[0]?.title).toBe('It’s — a "deal"');
    expect(news.entries[0]?.summary).toBe('Café prices rose 5\u2009% — &more…\nNext’s');
    const blog = parseFeed(atom, 'https://b.example/atom');
    expect(blog.entries[0]?.title).toBe('Q&A today – live');
    expect(blog.entries[0]?.summary).toBe('R&D');
  });

  it('keeps the paragraphs of Atom xhtml content apart', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
      <entry><title>One</title><link href="https://b.example/1"/><content type="xhtml">
        <div xmlns="http://www.w3.org/1999/xhtml"><p>Para one.</p><p>Para <em>two</em> &amp; more.</p>
        <ul><li>First</li><li>Second</li></ul>Line<br/>break</div></content></entry>
      <entry><title>Two</title><link href="https://b.example/2"/><summary type="xhtml">
        <xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>One.</xhtml:p><xhtml:p>Two.</xhtml:p></xhtml:div>
      </summary></entry></feed>`;
    expect(parseFeed(atom, 'https://b.example/atom').entries.map((e) => e.summary)).toEqual([
      'Para one.\nPara two & more.\nFirst\nSecond\nLine\nbreak',
      'One.\nTwo.',
    ]);
  });

  it('keeps a plain-text Atom title as it is', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Why &lt;div&gt; &amp;amp; not</title>
      <link href="https://b.example/1"/></entry></feed>`;
    expect(parseFeed(atom, 'https://b.example/atom').entries[0]?.title).toBe('Why <div> &amp; not');
  });
});

describe('htmlToText', () => {
  it('collapses the markup’s line wrapping and breaks lines at blocks', () => {
    expect(htmlToText('<p>One\n   two</p><p>three<br>four &nbsp;five</p>')).toBe('One two\nthree\nfour five');
  });
});

describe('parseFeed with every format', () => {
  it('reads RSS 0.91, RSS 1.0 (RDF), RSS 2.0 with CDATA, and JSON Feed 1.0 and 1.1', () => {
    expect(parseFeed(RSS_091, 'https://old.example/rss').entries).toEqual([
      expect.objectContaining({
        title: 'Ninety one',
        link: 'https://old.example/91',
        summary: 'An old item & its text.',
      }),
    ]);
    const rdf = parseFeed(RSS_10, 'https://rdf.example/rss');
    expect([rdf.title, rdf.entries[0]?.link, rdf.entries[0]?.publishedAt]).toEqual([
      'RDF News',
      'https://rdf.example/1',
      '2026-12-01T10:00:00.000Z',
    ]);
    const rss = parseFeed(RSS_20_CDATA, 'https://d.example/feed');
    expect(rss.ttlMinutes).toBe(30);
    expect(rss.entries.map((e) => [e.title, e.link, e.guid, e.summary])).toEqual([
      ['Budget passes & more', 'https://d.example/a?utm_source=rss', 'd-1', 'Full text one.\nTwo.'],
      ['Second', 'https://d.example/relative/b', null, null],
    ]);
    expect(parseFeed(JSON_FEED_10, 'https://j.example/feed.json').entries).toEqual([
      {
        title: 'J one',
        link: 'https://j.example/1',
        guid: '1',
        publishedAt: '2026-12-01T10:00:00.000Z',
        summary: 'Hi there',
      },
    ]);
    const json11 = parseFeed(JSON_FEED_11, 'https://j.example/feed.json');
    expect([json11.title, json11.entries[0]?.link, json11.entries[0]?.summary]).toEqual([
      'JSON 1.1',
      'https://j.example/x',
      'Plain text.',
    ]);
  });

  it('resolves nested xml:base, reads xhtml content and decodes base64 content (issue 13 item 8)', () => {
    const atom = parseFeed(ATOM_XHTML_BASE, 'https://a.example/feed');
    expect(atom.entries.map((e) => [e.title, e.link, e.guid, e.summary])).toEqual([
      ['Café news', 'https://a.example/blog/posts/1.html', 'tag:a.example,2026:1', 'One.\nTwo & three.'],
      [
        null,
        'https://a.example/blog/2.html',
        'tag:a.example,2026:2',
        'Hello from base64 content that is long enough.',
      ],
    ]);
  });

  it('recovers the entries of malformed XML', () => {
    expect(parseFeed(MALFORMED, 'https://m.example/rss').entries.map((e) => e.link)).toEqual([
      'https://m.example/1',
      'https://m.example/2',
    ]);
  });

  it('does not expand a billion-laughs entity', () => {
    const started = performance.now();
    const feed = parseFeed(BILLION_LAUGHS, 'https://l.example/rss');
    expect(performance.now() - started).toBeLessThan(1000);
    expect((feed.entries[0]?.title ?? '').length).toBeLessThan(100);
  });

  it('keeps the first entries of a feed of 10,000', () => {
    const feed = parseFeed(rssOf('https://x.example', 10_000), 'https://x.example/rss');
    expect(feed.entries).toHaveLength(MAX_FEED_ENTRIES);
    expect(feed.entries[0]?.link).toBe('https://x.example/story/0');
  });

  it('refuses XML that is not a feed: a comment alone, CDF, HTML', () => {
    for (const body of [COMMENT_ONLY, CDF, '<!DOCTYPE html><html><body><p>Hi</p></body></html>']) {
      expect(() => parseFeed(body, 'https://x.example/rss'), body).toThrow(/not an RSS, Atom or JSON feed/);
      expect(looksLikeFeed(body, 'application/xml'), body).toBe(false);
    }
    expect(looksLikeXml(COMMENT_ONLY)).toBe(true);
    expect(looksLikeXml(CDF, 'text/xml')).toBe(true);
    expect(looksLikeXml('<!DOCTYPE html><html><body>x</body></html>', 'text/html')).toBe(false);
    expect(looksLikeFeed(JSON_FEED_11, 'application/json')).toBe(true);
  });
});
