/**
 * @module probe/run
 * `npm run probe [-- --quick] [--only <name>] [--json]`: the repeatable outside probe of issue 13. Each
 * section drives the built bot as an outsider would (hostile files, kill -9 loops, signed Slack wire
 * cases, hostile article text) and reports counts; the figures go in docs/RELIABILITY.md. Exits 1 when
 * a target is missed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeRunner, ProbeSection } from './section.js';
import { SECTIONS } from './sections.js';

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const json = argv.includes('--json');
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const log = (line: string) => process.stderr.write(`[probe] ${line}\n`);
  const chosen = Object.entries(SECTIONS).filter(([name]) => only === undefined || name === only);
  if (chosen.length === 0) {
    const known = Object.keys(SECTIONS).join(', ') || 'none yet';
    process.stderr.write(
      `probe: ${only === undefined ? 'no sections' : `no section named ${only}`}; sections: ${known}\n`,
    );
    return 2;
  }
  const results: ProbeSection[] = [];
  for (const [name, run] of chosen as [string, ProbeRunner][]) {
    const workDir = await mkdtemp(join(tmpdir(), `briefbot-probe-${name}-`));
    const started = performance.now();
    log(`${name}: started`);
    try {
      results.push(await run({ quick, workDir, log: (line) => log(`${name}: ${line}`) }));
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
    log(`${name}: done in ${Math.round((performance.now() - started) / 1000)} s`);
  }
  process.stdout.write(json ? `${JSON.stringify(results, null, 2)}\n` : renderMarkdown(results));
  return results.every((r) => r.targets.every((t) => t.met)) ? 0 : 1;
}

function renderMarkdown(results: ProbeSection[]): string {
  const lines = ['| section | tried | outcomes | lost | duplicated |', '|---|--:|---|--:|--:|'];
  for (const r of results) {
    const outcomes = Object.entries(r.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(`| ${r.name} | ${r.tried} | ${outcomes} | ${r.lost} | ${r.duplicated} |`);
  }
  lines.push('', '| target | met | measured |', '|---|---|---|');
  for (const r of results) {
    for (const t of r.targets) lines.push(`| ${t.target} | ${t.met ? 'yes' : '**no**'} | ${t.measured} |`);
  }
  for (const r of results) for (const note of r.notes) lines.push(`- ${r.name}: ${note}`);
  return `${lines.join('\n')}\n`;
}

process.exitCode = await main(process.argv.slice(2));
