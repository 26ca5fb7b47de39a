/**
 * @module env-file
 * The `.env` file of the working directory, read once at start by the composition root. Parsed with
 * dotenv's `parse` (not Node 20's `util.parseEnv`, which on Node 20.20 still glues a line without `=`
 * onto the next key: nodejs/node#56775, fixed only in later majors), and never written into
 * `process.env`: the values are merged under the real environment, which wins.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { ConfigError } from './core/errors.js';

export type Env = Record<string, string | undefined>;

/** The settings of one start: the merged values, and which keys came from the file (for messages). */
export interface LoadedEnv {
  env: Env;
  fromFile: ReadonlySet<string>;
}

/**
 * Reads `path` (a missing file is no file) and merges it under `real`. A key the real environment
 * sets to a non-empty value keeps that value; an empty one counts as unset, as everywhere in config.
 */
export function loadEnvFile(path: string, real: Env): LoadedEnv {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { env: real, fromFile: new Set() };
    throw new ConfigError([`${path} could not be read (${code ?? (error as Error).message})`]);
  }
  const unreadable = linesNotSettings(text);
  if (unreadable.length > 0) {
    throw new ConfigError(
      unreadable.map((n) => `${path} line ${n} is not a setting (write KEY=value, or # before a comment)`),
    );
  }
  const file = parse(text);
  const env: Env = { ...real };
  const fromFile = new Set<string>();
  for (const [key, value] of Object.entries(file)) {
    if (real[key] !== undefined && real[key]?.trim() !== '') continue;
    env[key] = value;
    fromFile.add(key);
  }
  return { env, fromFile };
}

const SETTING = /^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*=\s*(.*)$/;

/**
 * Line numbers that are neither blank, a comment nor KEY=value: dotenv skips them silently, so a
 * `SLACK_BOT_TOKEN xoxb-...` typo would leave the token unset with no word said. Lines inside a quoted
 * value that spans lines belong to that value.
 */
function linesNotSettings(text: string): number[] {
  const bad: number[] = [];
  let openQuote: string | null = null;
  text.split(/\r?\n/).forEach((line, index) => {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = null;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = SETTING.exec(line);
    if (!match) {
      bad.push(index + 1);
      return;
    }
    const value = match[1] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote))
      openQuote = quote;
  });
  return bad;
}
