/**
 * @module ingest/expand-inputs
 * Turns what `brief ingest` is given into the files and URLs to read: folders are walked recursively
 * (following symbolic links, each folder once) and a folder with nothing to read is reported.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IngestError } from '../errors.js';
import { isUrl, SUPPORTED_EXTENSIONS } from './read-inputs.js';

/** Expands folders into their supported files; URLs pass through. Missing paths become failures. */
export async function expandInputs(inputs: string[]): Promise<{ items: string[]; failures: IngestError[] }> {
  const items: string[] = [];
  const failures: IngestError[] = [];
  for (const input of inputs) {
    if (isUrl(input)) {
      items.push(input);
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = (await stat(input)).isDirectory();
    } catch {
      failures.push(new IngestError(input, 'no such file or folder'));
      continue;
    }
    if (!isFolder) {
      items.push(input);
      continue;
    }
    const found = await walk(input, new Set(), failures);
    if (found.length > 0) items.push(...found);
    else
      failures.push(
        new IngestError(
          input,
          `no supported files in ${input} (looked for ${SUPPORTED_EXTENSIONS.join(', ')})`,
        ),
      );
  }
  return { items, failures };
}

/** `seen` holds the real paths of the folders walked so far: a link back up the tree is not a loop. */
async function walk(folder: string, seen: Set<string>, failures: IngestError[]): Promise<string[]> {
  const real = await realpath(folder);
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    let isFolder = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isFolder = target.isDirectory();
        isFile = target.isFile();
      } catch {
        failures.push(new IngestError(path, 'broken symbolic link: its target does not exist'));
        continue;
      }
    }
    if (isFolder) files.push(...(await walk(path, seen, failures)));
    else if (isFile && SUPPORTED_EXTENSIONS.includes(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}
