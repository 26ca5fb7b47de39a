import { describe, expect, it } from 'vitest';
import { MAX_FRONT_MATTER_CHARS, parseFrontMatter } from './front-matter.js';
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
    expect(() => parseFrontMatter(text('{{oops}}'))).toThrow(
      'broken front matter: invalid YAML on line 3: Implicit map keys need to be followed by map values',
    );
    expect(() => parseFrontMatter(text('just some prose'))).toThrow(
      /broken front matter: invalid YAML on line 3/,
    );
  });

  it('reports invalid YAML with the parser reason and line, not a title of "[broken"', () => {
    expect(() => parseFrontMatter(`---\ndate: 2025-01-02\ntitle: [broken\n---\n${BODY}`)).toThrow(
      /^broken front matter: invalid YAML on line 3: Flow sequence in block collection must be sufficiently indented and end with a \]$/,
    );
    expect(() => parseFrontMatter(`---\ntitle: "open\n---\n${BODY}`)).toThrow(
      'broken front matter: invalid YAML on line 2: Missing closing "quote',
    );
  });

  it('refuses front matter that is a list, and a block too large to be metadata', () => {
    expect(() => parseFrontMatter(`---\n- a\n- b\n---\n${BODY}`)).toThrow(/not a list of "key: value" lines/);
    const storm = `---\ntitle: ${'['.repeat(MAX_FRONT_MATTER_CHARS)}\n---\n${BODY}`;
    expect(() => parseFrontMatter(storm)).toThrow(/characters between the --- lines \(the limit is 65,536\)/);
  });

  it('reads numbers and booleans as text, and keeps lists out of the fields', () => {
    const front = parseFrontMatter(`---\ntitle: 2049\ndraft: false\ntags: [a, b]\n---\n${BODY}`);
    expect(front?.fields).toEqual({ title: '2049', draft: 'false' });
    expect(front?.nonText).toEqual(['tags']);
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

  it('keeps an article whose date cannot be read, with a warning and the date unknown', () => {
    const warnings: string[] = [];
    const draft = parseTextArticle('a.md', `---\ntitle: Harbour\ndate: someday soon\n---\n${BODY}`, warnings);
    expect(draft.publishedAt).toBeNull();
    expect(warnings).toEqual([
      'front matter date "someday soon" is not a date: stored with the date unknown',
    ]);
  });

  it('warns about a title that is a list, and derives the title instead', () => {
    const warnings: string[] = [];
    const draft = parseTextArticle('a.md', `---\ntitle: [a, b]\n---\n${BODY}`, warnings);
    expect(draft.title).not.toMatch(/\[/);
    expect(warnings).toEqual(['front matter "title" is a list or a mapping, not text: ignored']);
  });
});
