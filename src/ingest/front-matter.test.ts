import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from './front-matter.js';
import { parseTextArticle } from './text-article.js';

const BODY = 'The harbour reopened on Thursday after repairs to the main pier took most of the winter.';

describe('parseFrontMatter', () => {
  it('joins block scalars: folded for > and >-, line by line for | and |-', () => {
    const front = parseFrontMatter(
      [
        '---',
        'title: >-',
        '  Harbour reopens',
        '  after repairs',
        'description: >',
        '  One line',
        '',
        '  and a paragraph.',
        'notes: |',
        '  first',
        '    indented',
        'caption: |-',
        '  kept',
        'date: 2025-01-02',
        '---',
        BODY,
      ].join('\n'),
    );
    expect(front?.fields).toMatchObject({
      title: 'Harbour reopens after repairs',
      description: 'One line\nand a paragraph.',
      notes: 'first\n  indented',
      caption: 'kept',
      date: '2025-01-02',
    });
    expect(front?.body).toBe(BODY);
  });

  it('accepts keys with spaces, dots or quotes, and still refuses lines that are not key: value', () => {
    const text = (line: string) => `---\ntitle: Harbour reopens\n${line}\n---\n${BODY}`;
    for (const line of ['featured image: x.png', 'og.title: Y', '"og:title": Z', 'Cover Image : a.png']) {
      expect(parseFrontMatter(text(line))?.fields.title, line).toBe('Harbour reopens');
    }
    expect(() => parseFrontMatter(text('{{oops}}'))).toThrow(/line 3 is not "key: value"/);
    expect(() => parseFrontMatter(text('just some prose'))).toThrow(/broken front matter/);
  });

  it('gives a Markdown article the title of a folded block scalar, not ">-"', () => {
    const draft = parseTextArticle(
      'harbour.md',
      `---\ntitle: >-\n  Harbour reopens\n  after repairs\nfeatured image: pier.png\ndate: 2025-01-02\n---\n${BODY}`,
    );
    expect(draft).toMatchObject({
      title: 'Harbour reopens after repairs',
      publishedAt: '2025-01-02T00:00:00.000Z',
      text: BODY,
    });
  });
});
