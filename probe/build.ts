/**
 * @module probe/build
 * The probe drives the built CLI: build it first when the sources are newer than dist/.
 */
import { execFileSync } from 'node:child_process';
import { distIsStale } from '../bench/start-to-answer.js';
import { REPO_ROOT } from './brief-child.js';

export function ensureBuilt(log: (line: string) => void): void {
  if (!distIsStale(REPO_ROOT)) return;
  log('dist/ is older than src/: building');
  execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
}
