import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs } from './expand-inputs.js';

const folder = () => mkdtempSync(join(tmpdir(), 'brief-expand-'));

describe('expandInputs', () => {
  it('follows symbolic links to files and folders, and walks a folder linked back up only once', async () => {
    const outside = folder();
    writeFileSync(join(outside, 'linked.md'), '# Linked');
    mkdirSync(join(outside, 'more'));
    writeFileSync(join(outside, 'more', 'deep.txt'), 'Deep');
    const root = folder();
    writeFileSync(join(root, 'a.txt'), 'A');
    symlinkSync(join(outside, 'linked.md'), join(root, 'b-link.md'));
    symlinkSync(join(outside, 'more'), join(root, 'c-folder'));
    symlinkSync(root, join(root, 'd-loop'));
    const { items, failures } = await expandInputs([root]);
    expect(items).toEqual([join(root, 'a.txt'), join(root, 'b-link.md'), join(root, 'c-folder', 'deep.txt')]);
    expect(failures).toEqual([]);
  });

  it('reports a broken link, and a folder with no supported files', async () => {
    const root = folder();
    writeFileSync(join(root, 'notes.xyz'), 'ignored');
    symlinkSync(join(root, 'gone.txt'), join(root, 'dangling.txt'));
    const empty = folder();
    const { items, failures } = await expandInputs([root, empty]);
    expect(items).toEqual([]);
    expect(failures.map((f) => [f.origin, f.message])).toEqual([
      [join(root, 'dangling.txt'), expect.stringMatching(/broken symbolic link/)],
      [root, expect.stringMatching(new RegExp(`^no supported files in ${root} \\(looked for \\.txt, `))],
      [empty, expect.stringMatching(/^no supported files in /)],
    ]);
  });
});

describe('expandInputs on what it cannot read', () => {
  it('names an unsupported URL scheme instead of looking for a file', async () => {
    const { items, failures } = await expandInputs(['ftp://example.com/news.txt', 'FILE:///etc/news.txt']);
    expect(items).toEqual([]);
    expect(failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/^unsupported URL scheme "ftp:" \(brief ingest reads http:\/\/ and https:\/\//),
      expect.stringMatching(/^unsupported URL scheme "file:"/),
    ]);
  });

  it('lists a named pipe or a link to a device with a supported name, to be refused by type', async () => {
    const root = folder();
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    symlinkSync('/dev/zero', join(root, 'zero.md'));
    execFileSync('mkfifo', [join(root, 'other.bin')]);
    const { items } = await expandInputs([root]);
    expect(items).toEqual([join(root, 'pipe.txt'), join(root, 'zero.md')]);
  });
});
