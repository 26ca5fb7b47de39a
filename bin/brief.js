#!/usr/bin/env node
// The `brief` command: runs the compiled CLI (built by `npm install` via the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Briefbot is not built yet: run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv.slice(2));
