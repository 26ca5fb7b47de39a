#!/usr/bin/env node
// The `brief` command: runs the compiled CLI (built by `npm install` via the prepare script).
import { existsSync } from 'node:fs';

// `brief ... | head`: a reader that stops reading is not an error worth a stack trace; stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Briefbot is not built yet: run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv.slice(2));
