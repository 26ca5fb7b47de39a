/**
 * @module ingest/expand-inputs
 * Turns what `brief ingest` is given into the files and URLs to read: folders are walked recursively
 * (following symbolic links, each folder once) and a folder with nothing to read is reported.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IngestError } from '../core/errors.js';
import { isUrl, SUPPORTED_EXTENSIONS, urlScheme } from './read-inputs.js';

/** Expands folders into their supported files; URLs pass through. Missing paths become failures. */
export async function expandInputs(inputs: string[]): Promise<{ items: string[]; failures: IngestError[] }> {
  const items: string[] = [];
  const failures: IngestError[] = [];
  for (const input of inputs) {
    if (isUrl(input)) {
      items.push(input);
      continue;
    }
    const scheme = urlScheme(input);
    if (scheme) {
      failures.push(
        new IngestError(
          input,
          `unsupported URL scheme "${scheme}:" (brief ingest reads http:// and https:// URLs, files and folders)`,
        ),
      );
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = (await stat(input)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : (error as Error).message;
      failures.push(new IngestError(input, reason));
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
  let entries: Dirent[];
  try {
    const real = await realpath(folder);
    if (seen.has(real)) return [];
    seen.add(real);
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    // One unreadable folder (no permission) is reported; the rest of the tree is still read.
    failures.push(new IngestError(folder, `could not read the folder: ${(error as Error).message}`));
    return [];
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    let isFolder = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isFolder = target.isDirectory();
      } catch {
        failures.push(new IngestError(path, 'broken symbolic link: its target does not exist'));
        continue;
      }
    }
    const supported = SUPPORTED_EXTENSIONS.includes(extname(entry.name).toLowerCase());
    if (isFolder) files.push(...(await walk(path, seen, failures)));
    // A named pipe, a device or a socket (or a link to one) with a supported name is read by
    // readFileBounded, which refuses it by type with a clear message; other names are skipped.
    else if (supported) files.push(path);
  }
  return files;
}
