import { describe, expect, it } from 'vitest';
import { parseHtmlArticle } from './html-article.js';

// A blog post written as lists (which Readability does not score) beside a newsletter box of short,
// comma-rich paragraphs: the shape of the page that was read as its 247-character box.
const ITEMS = [
  'We landed the change that stops an update from starting while another instance of the browser is still running',
  'Printing now supports ranges of pages that are not next to each other, such as one to three and seven',
  'Users can import saved logins from other password managers into the browser',
  'The address bar can now hide the search shortcut button for each engine separately',
  'The team fixed a bug where removed search engines came back after a restart with a language pack',
];
const POST = `<article class="post"><header><h1>These weeks in the browser</h1></header><div class="entry-content">
  <h3>Highlights</h3><ul>${ITEMS.map((i) => `<li>${i}</li>`).join('')}</ul></div></article>`;
const NEWSLETTER = `<aside id="newsletter-subscribe"><form id="newsletter_form" class="newsletter_form" action="/newsletter" method="post">
  <div class="form-contents"><p>Love the web? Get the newsletter, and help us keep it open, free, and yours, with news, tips, and stories.</p>
  <div><label for="email">Your e-mail address</label><input type="email" id="email" name="email"></div>
  <p>I am okay with the handling of my info, as explained in this privacy policy, and, yes, that is fine.</p>
  <button>Sign up now</button></div></form></aside>`;
const page = (box: string) =>
  `<html><head><title>These weeks</title></head><body><main>${POST}${box}</main></body></html>`;

describe('parseHtmlArticle: sign-up forms', () => {
  it('reads the post, not the newsletter box beside it', () => {
    const { text } = parseHtmlArticle('https://blog.example/85', page(NEWSLETTER));
    for (const item of ITEMS) expect(text).toContain(item);
    expect(text).not.toMatch(/newsletter|e-mail address|privacy policy/i);
  });

  it('keeps a long form that wraps the whole story (a WebForms page)', () => {
    const story = ITEMS.map((i) => `<p>${i}, the team said in its weekly notes on Friday.</p>`)
      .join('')
      .repeat(3);
    const html = `<html><body><form id="aspnetForm" action="/page.aspx" method="post"><div class="content">${story}</div>
      <div class="footer"><input type="text" name="newsletter_email"></div></form></body></html>`;
    expect(parseHtmlArticle('https://site.example/page.aspx', html).text).toContain(ITEMS[0]);
  });
});
