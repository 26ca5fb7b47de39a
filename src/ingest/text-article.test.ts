import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../test-support/seeded-briefing.js';
import { parseTextArticle } from './text-article.js';

const seed = (name: string) => parseTextArticle(`seeds/${name}`, readFileSync(join(SEEDS_DIR, name), 'utf8'));

describe('parseTextArticle on the bundled seeds', () => {
  it('reads title and date from front matter, and shows no outlet when none is named', () => {
    const article = seed('000_d654e1141d19c890.txt');
    expect(article.title).toBe(
      'Amazon Commits Major AWS Resources to OpenAI, Reshaping AI Infrastructure Landscape',
    );
    expect(article.publishedAt).toBe('2026-02-27T14:34:31.343Z');
    expect(article.source).toBeNull();
    expect(article.text.startsWith('Amazon Web Services (AWS) has announced')).toBe(true);
    expect(article.text).not.toContain('**');
  });

  it('derives a real title from the lead sentence of a body-only article', () => {
    const article = seed('001_16269e12dad83d3f.txt');
    expect(article.title).toBe(
      'Amazon Web Services (AWS) and OpenAI have announced a multi-year strategic partnership',
    );
    expect(article.source).toBe('Amazon');
    expect(article.publishedAt).toBeNull();
    expect(article.text).not.toMatch(/via: Amazon\s*$/);
  });

  it('skips a lower-case keyword line and takes the headline after it', () => {
    const article = seed('002_a4273481788cc5a0.txt');
    expect(article.title).toBe(
      'Inside the $38 Billion OpenAI–AWS Deal: Amazon’s Big Play in the AI Arms Race',
    );
    expect(article.source).toBe('AIInsightsNews');
    expect(article.text).not.toContain('openai amazon partnership');
    expect(article.text).not.toMatch(/Tags:|Visit:/);
  });

  it('drops attribution from a derived title and never invents a date', () => {
    const article = seed('003_69048bb62558f665.txt');
    expect(article.title).toBe(
      'OpenAI has signed a landmark $38 billion compute agreement with Amazon Web Services',
    );
    expect(article.publishedAt).toBeNull();
  });

  it('names the outlet from a trailing "Source:" line and strips the furniture', () => {
    const article = seed('004_7683e3a3a4e32acb.txt');
    expect(article.title).toBe(
      'OpenAI Signs $38 Billion AWS Deal, Signaling a Power Shift in Big Tech’s AI Infrastructure Race',
    );
    expect(article.source).toBe('GeekWire');
    expect(article.text).not.toMatch(/About author|Source: geekwire|\nArticle$/);
    expect(article.text.endsWith('in the long run.')).toBe(true);
  });
});

describe('parseTextArticle on bad input', () => {
  it('rejects an empty file', () => {
    expect(() => parseTextArticle('a.txt', '  \n\n ')).toThrow(/empty file/);
  });

  it('rejects front matter that never closes', () => {
    expect(() => parseTextArticle('a.md', '---\ntitle: "x"\nno end here\n')).toThrow(/broken front matter/);
  });

  it('rejects front matter lines that are not key: value', () => {
    expect(() =>
      parseTextArticle('a.md', '---\ntitle: x\n{{oops}}\n---\nBody text that is long enough to be kept.'),
    ).toThrow(/invalid YAML on line 3/);
  });

  it('rejects a title with no body', () => {
    expect(() => parseTextArticle('a.txt', 'Just A Title')).toThrow(/too little text/);
  });

  it('keeps an unparseable date as unknown instead of guessing', () => {
    const article = parseTextArticle(
      'a.md',
      '---\ntitle: T\ndate: someday soon\n---\nA body that is long enough to be an article.',
    );
    expect(article.publishedAt).toBeNull();
  });
});
