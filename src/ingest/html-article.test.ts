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
});
