import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../core/errors.js';
import { parseCliArgs } from './args.js';

const since = (value: string) => parseCliArgs(['digest', '--since', value]).since;
const refusal = (argv: string[]) => {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('parseCliArgs', () => {
  it('reads --since as an ISO date or date-time', () => {
    expect(since('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(since('2026-03-01T08:00Z')).toBe('2026-03-01T08:00:00.000Z');
    expect(since('2026-03-01T08:00:30+05:30')).toBe('2026-03-01T02:30:30.000Z');
    expect(since('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('refuses a --since that is not ISO, or not a real date, instead of guessing a year', () => {
    for (const value of ['Dec 1', '5', '2026-3-1', '2026-02-30', '2026-03-01T24:00', '03/01/2026']) {
      expect(refusal(['digest', '--since', value]), value).toMatch(
        new RegExp(`--since must be an ISO date or date-time, e\\.g\\. 2026-03-01.*\\(got "${value}"\\)`),
      );
    }
  });

  it('refuses a digest topic of common words only, given as --topic or as words, but not an acronym', () => {
    expect(refusal(['digest', '--topic', 'the'])).toMatch(/"the" is only common words/);
    expect(refusal(['digest', 'who'])).toMatch(/e\.g\. WHO/);
    expect(refusal(['digest', '--topic', '??'])).toMatch(/needs a word/);
    expect(parseCliArgs(['digest', '--topic', 'WHO']).topic).toBe('WHO');
    expect(parseCliArgs(['search', 'the']).words).toEqual(['the']);
  });

  it('refuses words after a command that takes none, naming them', () => {
    expect(refusal(['sources', 'extra'])).toBe('sources takes no words, but got "extra" (see brief help)');
    expect(refusal(['chat', 'now', 'please'])).toMatch(/^chat takes no words, but got "now" "please"/);
    expect(refusal(['discord:register', '--guild', '1', '2'])).toMatch(/^discord:register takes no words/);
    expect(parseCliArgs(['ask', 'How', 'big?']).words).toEqual(['How', 'big?']);
    expect(parseCliArgs(['ingest', 'a.txt', 'b.md']).words).toEqual(['a.txt', 'b.md']);
  });

  it('reads --version and -v as the version command', () => {
    expect(parseCliArgs(['--version']).command).toBe('version');
    expect(parseCliArgs(['-v']).command).toBe('version');
    expect(parseCliArgs(['version']).command).toBe('version');
    expect(refusal(['version', 'x'])).toMatch(/^version takes no words/);
  });
});
