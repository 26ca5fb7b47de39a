/**
 * @module probe/hostile-corpus
 * Writes the hostile files of the "hostile-files" section, each family from what issue 13 found or
 * what a parser of its kind is known to choke on: deep nesting, huge words, bracket and white-space
 * storms, binary, wrong encodings, BOMs, links to /dev/zero, named pipes, broken front matter, JSON
 * that nests without end or claims another input's articles. Deterministic (seeded).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from '../bench/prng.js';
import { claimCases, frontMatterCases, PROSE } from './hostile-texts.js';

export interface HostileCase {
  family: string;
  /** Paths handed to `brief ingest` (usually one file). */
  inputs: string[];
}

const EXTENSIONS = ['.txt', '.md', '.html', '.json'];

export function writeHostileCorpus(dir: string, victimUrls: string[], seedOrigins: string[]): HostileCase[] {
  mkdirSync(dir, { recursive: true });
  const cases: HostileCase[] = [];
  let n = 0;
  const add = (family: string, ext: string, content: string | Uint8Array) => {
    const path = join(dir, `${String(n++).padStart(4, '0')}-${family}${ext}`);
    writeFileSync(path, content);
    cases.push({ family, inputs: [path] });
  };
  const random = createRandom(20261202);

  // Deep nesting: the tags Readability and linkedom handle differently, text at the bottom or at each level.
  const nests: [string, string][] = [
    ['<div>', '</div>'],
    ['<span>', '</span>'],
    ['<table><tr><td>', '</td></tr></table>'],
    ['<ul><li>', '</li></ul>'],
    ['<b>', '</b>'],
    ['<section>', '</section>'],
    ['<blockquote>', '</blockquote>'],
    ['<font>', '</font>'],
  ];
  for (const [open, close] of nests)
    for (const depth of [50, 200, 511, 513, 1000, 2000, 5000, 20_000, 100_000])
      for (const each of [false, true]) {
        const inner = each ? `${open}<p>${PROSE}</p>` : open;
        add(
          'nesting',
          '.html',
          `<html><body>${inner.repeat(depth)}<p>${PROSE.repeat(3)}</p>${close.repeat(depth)}</body></html>`,
        );
      }

  // Huge words: one run of word characters, up to a megabyte.
  for (const length of [1_000, 20_000, 100_000, 1_000_000])
    for (const unit of ['a', 'ab', 'é', 'a-', 'a.', '1', 'x&', '%', '中', 'Ab’'])
      for (const ext of ['.txt', '.md'])
        add(
          'huge-word',
          ext,
          `Harbour news\n\n${PROSE}${unit.repeat(Math.ceil(length / unit.length))} ${PROSE}\n`,
        );

  // Storms: one markup character (or pair) repeated on one line, with and without something after it.
  const storms = [
    '[',
    '(',
    '![',
    '](',
    '[a](',
    '*',
    '**',
    '_',
    '__',
    '`',
    '<',
    '<a ',
    '<http:',
    '&#',
    '&',
    '>',
    '#',
    '- ',
    ' ',
    '\t',
    '\\',
    '|',
    '~',
    '[^1]',
    '[1]',
    ':',
    '"',
    '“',
    '\u200b',
    '\r',
  ];
  for (const storm of storms)
    for (const length of [1_000, 10_000, 200_000, 1_000_000])
      for (const tail of ['', 'x)'])
        add(
          'storm',
          '.md',
          `# Storm\n\n${PROSE}\n\n${storm.repeat(Math.ceil(length / storm.length))}${tail}\n`,
        );
  for (const mix of ['[(', '*_', '<>', '[]', '![](', '` `', '**__', '&amp;', '\\*', '# ['])
    for (const length of [1_000, 10_000, 200_000, 1_000_000])
      for (const ext of ['.md', '.txt'])
        add('storm', ext, `Storm\n\n${PROSE}${mix.repeat(Math.ceil(length / mix.length))}\n`);
  for (const storm of storms)
    add('storm', '.html', `<html><body><p>${PROSE}</p><p>${storm.repeat(200_000)}</p></body></html>`);
  for (const ch of ['\n', '\r', '\r\n', '\n \n', '\u2028'])
    for (const ext of ['.txt', '.md'])
      add('line-storm', ext, `Title\n\n${PROSE}${ch.repeat(1_000_000)}${PROSE}`);

  // Binary: random bytes, and real formats' headers under a text name.
  for (const size of [1, 100, 10_000, 1_000_000])
    for (const ext of EXTENSIONS)
      for (let i = 0; i < 10; i++)
        add(
          'binary',
          ext,
          Uint8Array.from({ length: size }, () => random.int(0, 255)),
        );
  const headers = ['\x89PNG\r\n\x1a\n', 'PK\x03\x04', '%PDF-1.7\n', '\x7fELF\x02\x01', 'GIF89a'];
  for (const header of headers)
    for (const ext of EXTENSIONS)
      add('binary', ext, Buffer.concat([Buffer.from(header, 'latin1'), Buffer.alloc(64, 1)]));

  // Encodings and byte order marks.
  const text = `Harbour reopens\n\n${PROSE.repeat(3)}“Quoted,” said the mayor — café.\n`;
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const utf32 = (s: string, le: boolean) => {
    const out = Buffer.alloc([...s].length * 4);
    for (const [i, c] of [...s].entries()) {
      if (le) out.writeUInt32LE(c.codePointAt(0) ?? 0, i * 4);
      else out.writeUInt32BE(c.codePointAt(0) ?? 0, i * 4);
    }
    return out;
  };
  const encodings: Buffer[] = [
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    Buffer.from(text, 'utf16le'),
    Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
    utf16be(text),
    Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(text, true)]),
    Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(text, false)]),
    Buffer.from(text, 'latin1'),
    Buffer.concat([Buffer.from(text), Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf])]),
    Buffer.concat([Buffer.from(text), Buffer.from([0xed, 0xa0, 0x80])]),
    Buffer.concat([Buffer.from(text), Buffer.from([0xe2, 0x82])]),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    Buffer.from(text.replace('Harbour', 'Harbour\ufeff\u0000')),
  ];
  for (const bytes of encodings) for (const ext of EXTENSIONS) add('encoding', ext, bytes);

  // Broken front matter, and JSON records (claims of others' origins among them).
  for (const [i, content] of frontMatterCases().entries())
    add('front-matter', i % 5 === 0 ? '.markdown' : '.md', content);
  for (const { ext, content } of claimCases(victimUrls, seedOrigins)) add('claim', ext, content);
  for (const depth of [1_000, 10_000, 100_000, 1_000_000]) {
    add('json-nesting', '.json', `${'['.repeat(depth)}${']'.repeat(depth)}`);
    add('json-nesting', '.json', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    add('json-nesting', '.jsonl', `${'['.repeat(depth)}\n`);
  }

  // Sizes and emptiness.
  for (const ext of EXTENSIONS) {
    add('empty', ext, '');
    add('empty', ext, ' \n\t\n'.repeat(1000));
    add('too-large', ext, 'a'.repeat(5 * 1024 * 1024 + 1));
    add('limit', ext, `Title\n\n${PROSE.repeat(Math.floor((5 * 1024 * 1024 - 7) / PROSE.length))}`);
  }
  add('empty', '.html', '<!-- only a comment -->');
  add('empty', '.html', `<!-- ${'x'.repeat(1_000_000)}`);
  for (const count of [10_000, 100_000, 300_000])
    for (const tag of ['<b>x</b>', '<p>word</p>', '<a href="x">y</a>', '<div></div>', '<img src=x>'])
      add('wide-html', '.html', `<html><body><p>${PROSE}</p>${tag.repeat(count)}</body></html>`);

  cases.push(...specialFiles(dir, () => n++));
  return cases;
}

/** Links to devices, named pipes, a link loop and a folder holding them (walked by the folder reader). */
function specialFiles(dir: string, next: () => number): HostileCase[] {
  const cases: HostileCase[] = [];
  const path = (name: string) => join(dir, `${String(next()).padStart(4, '0')}-${name}`);
  for (const target of ['/dev/zero', '/dev/urandom', '/dev/null', '/dev/full'])
    for (const ext of EXTENSIONS) {
      const link = path(`device${ext}`);
      symlinkSync(target, link);
      cases.push({ family: 'special-file', inputs: [link] });
    }
  for (const ext of EXTENSIONS) {
    const fifo = path(`fifo${ext}`);
    execFileSync('mkfifo', [fifo]);
    cases.push({ family: 'special-file', inputs: [fifo] });
    const dangling = path(`dangling${ext}`);
    symlinkSync(join(dir, 'nothing-here'), dangling);
    cases.push({ family: 'special-file', inputs: [dangling] });
  }
  const folder = path('folder');
  mkdirSync(folder);
  symlinkSync('/dev/zero', join(folder, 'zero.txt'));
  execFileSync('mkfifo', [join(folder, 'pipe.md')]);
  symlinkSync(folder, join(folder, 'loop'));
  writeFileSync(join(folder, 'real.txt'), `Harbour\n\n${PROSE.repeat(2)}`);
  cases.push({ family: 'special-file', inputs: [folder] });
  let deep = path('deep-folders');
  const top = deep;
  for (let i = 0; i < 200; i++) deep = join(deep, 'd');
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(deep, 'bottom.txt'), `Bottom\n\n${PROSE.repeat(2)}`);
  cases.push({ family: 'special-file', inputs: [top] });
  return cases;
}
