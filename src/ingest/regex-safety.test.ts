/**
 * @module ingest/regex-safety.test
 * Every regular expression literal in the ingest parsers and the tokenizer is checked with recheck (a
 * ReDoS checker: automaton analysis, fuzzing where the pattern has look-arounds or back-references).
 * A pattern that can take quadratic time on a long run of one character held ingest for minutes (a
 * line of 200,000 "[" in a .md file, a line of spaces), whatever the input's size limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
// feed.ts and fetch-text.ts belong to the feed reader and fetcher, checked by their own tests.
const NOT_HERE = new Set(['feed.ts', 'fetch-text.ts']);
const FILES = [
  ...readdirSync(join(ROOT, 'src/ingest'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_HERE.has(f))
    .map((f) => `src/ingest/${f}`),
  'src/core/text/tokenize.ts',
  'src/core/ingest-articles.ts',
];

function regexLiterals(file: string): { line: number; source: string; flags: string }[] {
  const sourceFile = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const found: { line: number; source: string; flags: string }[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sourceFile);
      const slash = text.lastIndexOf('/');
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      found.push({ line, source: text.slice(1, slash), flags: text.slice(slash + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe('regular expressions of ingest', () => {
  it('finds the patterns it checks', () => {
    expect(regexLiterals('src/ingest/clean-text.ts').length).toBeGreaterThan(20);
  });

  it.each(FILES)('%s: every pattern runs in linear time', (file) => {
    const unsafe = regexLiterals(file).flatMap(({ line, source, flags }) => {
      const result = checkSync(source, flags, { randomSeed: 1 });
      return result.status === 'safe' ? [] : [`line ${line}: /${source}/${flags} is ${result.status}`];
    });
    expect(unsafe).toEqual([]);
  }, 60_000);
});
