import { describe, expect, it } from 'vitest';
import { parseHtmlArticle } from './html-article.js';
import { MAX_ELEMENTS, MAX_NESTING_DEPTH, rawNestingDepth } from './html-depth.js';

const PARAGRAPH = `<p>${'The harbour reopened on Thursday after repairs to the main pier. '.repeat(6)}</p>`;
const page = (body: string) => `<html><body>${body}</body></html>`;

describe('rawNestingDepth', () => {
  it('counts nested elements, not unclosed paragraphs and list items, comments or script text', () => {
    expect(rawNestingDepth('<div><div><span>x</span></div></div>', 100)).toBe(3);
    expect(rawNestingDepth(`${'<p>a'.repeat(5000)}${'<li>b'.repeat(5000)}<br><img src=x />`, 100)).toBe(0);
    expect(
      rawNestingDepth(`<!-- ${'<div>'.repeat(500)} --><script>${'<div>'.repeat(500)}</script>`, 100),
    ).toBe(1);
  });

  it('stops counting past the limit', () => {
    expect(rawNestingDepth('<div>'.repeat(1_000_000), 10)).toBe(11);
  });
});

describe('parseHtmlArticle on deeply nested pages', () => {
  it('refuses a page nested deeper than any real one, before Readability sees it', () => {
    for (const body of [
      `${'<div>'.repeat(2000)}${PARAGRAPH}${'</div>'.repeat(2000)}`,
      `${'<table><tr><td>'.repeat(1000)}${PARAGRAPH}${'</td></tr></table>'.repeat(1000)}`,
      `${'<div>'.repeat(500_000)}${PARAGRAPH}`,
    ]) {
      expect(() => parseHtmlArticle('deep.html', page(body))).toThrow(
        `page nested too deeply: elements inside more than ${MAX_NESTING_DEPTH} others`,
      );
    }
  });

  it('refuses a page of more elements than any real one, before parsing', () => {
    const body = `${'<span>x</span>'.repeat(MAX_ELEMENTS + 1)}${PARAGRAPH}`;
    expect(() => parseHtmlArticle('huge.html', page(body))).toThrow(
      /^page too large: more than 100,000 elements/,
    );
    const real = `${'<span>x</span> '.repeat(2_000)}${PARAGRAPH}`;
    expect(parseHtmlArticle('big.html', page(real)).text).toContain('The harbour reopened');
  });

  it('still reads a page nested 200 deep', () => {
    const body = `${'<div>'.repeat(200)}${PARAGRAPH}${'</div>'.repeat(200)}`;
    expect(parseHtmlArticle('nested.html', page(body)).text).toContain('The harbour reopened');
  });
});
