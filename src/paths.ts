/**
 * @module paths
 * Where Briefbot's own files are, whatever folder `brief` runs in: the package folder (package.json,
 * the bundled seeds) is found from this module's location, not from the working directory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package: this file is src/paths.ts (tsx) or dist/paths.js (built), one level down. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The articles shipped with Briefbot, ingested into an empty store unless BRIEF_SEEDS_DIR says otherwise. */
export const BUNDLED_SEEDS = join(PACKAGE_ROOT, 'seeds');

/** The version in the package's package.json, as `brief --version` prints it. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
