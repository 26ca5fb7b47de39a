import { describe, expect, it } from 'vitest';
import { parseHtmlArticle } from './html-article.js';

const BODY = 'The council approved the new budget on Tuesday after a long debate about transit funding.';
const article = (head: string) =>
  `<html><head>${head}</head><body><article><p>${BODY}</p><p>${BODY}</p><p>${BODY}</p></article></body></html>`;

describe('parseHtmlArticle', () => {
  it('says a page is empty rather than failing inside Readability', () => {
    for (const html of ['', '  \n\t', '<!-- nothing here -->']) {
      expect(() => parseHtmlArticle('page.html', html), JSON.stringify(html)).toThrow(/^empty page/);
    }
  });

  it('reads a page that is bare text without any tag', () => {
    const draft = parseHtmlArticle('page.html', `${BODY} ${BODY} ${BODY}`);
    expect(draft.text).toContain('approved the new budget');
  });

  it('names the feed as the outlet when the page names none, before the URL host', () => {
    const url = 'https://cdn.example.net/2024/budget';
    expect(parseHtmlArticle(url, article(''), url, 'Metro Daily').source).toBe('Metro Daily');
    expect(parseHtmlArticle(url, article(''), url).source).toBe('cdn.example.net');
    const named = article('<meta property="og:site_name" content="The Daily">');
    expect(parseHtmlArticle(url, named, url, 'Metro Daily').source).toBe('The Daily');
  });

  it('retries with fewer heuristics when the first reading is short, rather than taking a promo box', () => {
    // Readability drops the story's container for its class name ("sidebar") and finds a 200-odd
    // character box; a reading under its character threshold makes it try again without that rule.
    const story = [
      'The city council voted on Tuesday to close the old bridge to cars, after engineers found cracks in two of its supports.',
      'Buses and bicycles will still cross it until the repairs begin in March, a spokesperson for the council said.',
      'The repairs are expected to cost about 4 million euros and to take eighteen months, according to the engineers.',
    ];
    const html = `<html><head><title>Bridge</title></head><body><div class="layout-with-sidebar">${story.map((p) => `<p>${p}</p>`).join('')}</div>
      <div class="box"><p>Love the city? Get our weekly letter, with news, events, and tips, and help us keep local news open and free for everyone.</p>
      <p>We will only send you news about the city, and, if you ask us, we will stop at once.</p></div></body></html>`;
    const { text } = parseHtmlArticle('https://news.example/bridge', html);
    for (const sentence of story) expect(text).toContain(sentence);
  });
});
