/**
 * @module feeds/testing/feed-fixtures
 * Real-world-shaped feeds for tests: each format and the oddities publishers ship (CDATA, xml:base,
 * relative links, Atom xhtml and base64 content, legacy charsets, hostile entities).
 */

export const RSS_091 = `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old News</title><link>https://old.example/</link><description>d</description>
<item><title>Ninety one</title><link>https://old.example/91</link><description>An old item &amp; its text.</description></item>
</channel></rss>`;

export const RSS_10 = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF News</title><link>https://rdf.example/</link><description>d</description></channel>
<item rdf:about="https://rdf.example/1"><title>RDF one</title><link>https://rdf.example/1</link><description>RDF text</description><dc:date>2026-12-01T10:00:00Z</dc:date></item>
</rdf:RDF>`;

export const ATOM_XHTML_BASE = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/blog/"><title type="text">Atom Blog</title><id>urn:a</id><updated>2026-12-01T10:00:00Z</updated>
<entry xml:base="posts/"><title type="html">Caf&amp;eacute; &lt;b&gt;news&lt;/b&gt;</title><id>tag:a.example,2026:1</id>
<link rel="replies" href="1#c"/><link rel="alternate" href="1.html"/><updated>2026-12-01T10:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p><p>Two &amp; <a href="x">three</a>.</p></div></content></entry>
<entry><id>tag:a.example,2026:2</id><link href="2.html"/><updated>2026-12-02T10:00:00Z</updated>
<content type="text/plain" mode="base64">${Buffer.from('Hello from base64 content that is long enough.').toString('base64')}</content></entry>
</feed>`;

export const JSON_FEED_10 = JSON.stringify({
  version: 'https://jsonfeed.org/version/1',
  title: 'JSON One',
  items: [
    {
      id: '1',
      url: 'https://j.example/1',
      title: 'J one',
      content_html: '<p>Hi <b>there</b></p>',
      date_published: '2026-12-01T10:00:00Z',
    },
  ],
});

export const JSON_FEED_11 = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON 1.1',
  items: [{ id: 'x', url: '/x', content_text: 'Plain text.', date_modified: '2026-12-02T10:00:00Z' }],
});

/** RSS 2.0 with CDATA, a tracking-tagged link, a relative link and content:encoded. */
export const RSS_20_CDATA = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily &amp; Co</title><ttl>30</ttl>
<item><title><![CDATA[Budget <b>passes</b> & more]]></title><link>https://d.example/a?utm_source=rss</link>
<guid isPermaLink="false">d-1</guid><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Short <i>teaser</i>.</p>]]></description><content:encoded><![CDATA[<p>Full text one.</p><p>Two.</p>]]></content:encoded></item>
<item><title>Second</title><link>/relative/b</link></item>
</channel></rss>`;

export const MALFORMED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
<item><title>Unclosed <b>tag</title><link>https://m.example/1</link></item><item><title>Fine & dandy</title><link>https://m.example/2</link>`;

const lols = Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.replace('&lol;', '&lol;').repeat(10)}">`,
).join('');
/** A billion laughs: nine levels of ten entity references, 10^9 "lol"s if expanded. */
export const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${lols}]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://l.example/1</link></item></channel></rss>`;

export const COMMENT_ONLY = '<?xml version="1.0"?><!-- nothing here but a comment -->';

export const CDF = `<?xml version="1.0"?><CHANNEL HREF="http://cdf.example/" BASE="http://cdf.example/">
<TITLE>CDF channel</TITLE><ITEM HREF="http://cdf.example/1"><TITLE>CDF item</TITLE></ITEM></CHANNEL>`;

/** An RSS feed of `count` items linking to `${base}/story/<i>`. */
export function rssOf(base: string, count: number, title = 'Many'): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Story ${i}</title><link>${base}/story/${i}</link><guid>${base}/story/${i}</guid></item>`,
  );
  return `<rss version="2.0"><channel><title>${title}</title>${items.join('')}</channel></rss>`;
}
