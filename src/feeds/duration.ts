/**
 * @module feeds/duration
 * Poll intervals as people write them: `15m`, `1h`, `90s`, `1d` (and combinations such as `1h30m`).
 */
import { BadRequestError } from '../core/errors.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `15m` -> 900000; throws BadRequestError naming the value otherwise. */
export function parseDuration(value: string, what = '--every'): number {
  const text = value.trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+)\s*([smhd])/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed.replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    throw new BadRequestError(`${what} must be a duration such as 15m, 1h or 1h30m (got "${value}")`);
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * (UNIT_MS[p[2] as string] ?? 0), 0);
}

/** 900000 -> `15m`; 5400000 -> `1h30m`. */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms / 1000);
  const out: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      out.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return out.join('') || '0s';
}
