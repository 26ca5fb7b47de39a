/**
 * @module paths
 * Where Briefbot's own files are, whatever folder `brief` runs in: the package folder (package.json,
 * the bundled seeds) is found from this module's location, not from the working directory.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package: this file is src/paths.ts (tsx) or dist/paths.js (built), one level down. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The articles shipped with Briefbot, ingested into an empty store unless BRIEF_SEEDS_DIR says otherwise. */
export const BUNDLED_SEEDS = join(PACKAGE_ROOT, 'seeds');

/** The data folder when BRIEF_DATA_DIR is unset: the package's own, so `brief` finds one store wherever it runs. */
export const DEFAULT_DATA_DIR = join(PACKAGE_ROOT, 'data');

/** The data folder: BRIEF_DATA_DIR (relative to the working directory, where it was typed) or the default. */
export function dataDir(configured: string | undefined, cwd: string): string {
  return configured ? resolve(cwd, configured) : DEFAULT_DATA_DIR;
}

/** The seeds ingested into an empty store: BRIEF_SEEDS_DIR (relative to the working directory) or the bundled ones. */
export function seedsDir(configured: string | undefined, cwd: string): string {
  return configured ? resolve(cwd, configured) : BUNDLED_SEEDS;
}

/** The version in the package's package.json, as `brief --version` prints it. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
