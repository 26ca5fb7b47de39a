/**
 * @module cli/commands
 * The one-shot `brief` commands (ask, search, ingest, sources): call the core, print text or the
 * stable JSON shapes. Errors are thrown to main.ts, which prints one line and exits non-zero.
 */
import { toAskJson } from '../core/answer.js';
import type { Briefing } from '../core/briefing.js';
import { type Digest, toDigestJson } from '../core/digest/digest.js';
import { renderDigestText } from '../core/digest/render-digest-text.js';
import { BadRequestError } from '../core/errors.js';
import type { IngestConflict, IngestReport } from '../core/ingest-articles.js';
import { validateQuestion, validateSearchTerms } from '../core/question-limits.js';
import type { CliArgs } from './args.js';
import { renderAnswer, renderSearch, renderSources } from './render-text.js';

export interface CommandDeps {
  briefing: Briefing;
  digest(request: { since: string | null; topic: string | null }): Promise<Digest>;
  ingest(inputs: string[]): Promise<IngestReport>;
  maxQuestionChars: number;
  print(text: string): void;
  /** One line on stderr: why the command failed, beside what it printed. */
  printError(line: string): void;
}

export async function runCommand(args: CliArgs, deps: CommandDeps): Promise<number> {
  const text = args.words.join(' ').trim();
  switch (args.command) {
    case 'ask': {
      if (text === '')
        throw new BadRequestError('ask needs a question, e.g. brief ask "How big is the AWS deal?"');
      const answer = await deps.briefing.ask(validateQuestion(text, deps.maxQuestionChars));
      deps.print(args.json ? JSON.stringify(toAskJson(answer)) : renderAnswer(answer));
      return 0;
    }
    case 'search': {
      if (text === '') throw new BadRequestError('search needs terms, e.g. brief search "AWS OpenAI deal"');
      const response = await deps.briefing.search(
        validateSearchTerms(text, deps.maxQuestionChars),
        args.limit,
      );
      deps.print(args.json ? JSON.stringify(response) : renderSearch(response));
      return 0;
    }
    case 'sources': {
      const stats = await deps.briefing.sources();
      deps.print(args.json ? JSON.stringify(stats) : renderSources(stats));
      return 0;
    }
    case 'digest': {
      const digest = await deps.digest({ since: args.since, topic: args.topic ?? (text || null) });
      deps.print(args.json ? JSON.stringify(toDigestJson(digest)) : renderDigestText(digest));
      return 0;
    }
    case 'ingest': {
      if (args.words.length === 0)
        throw new BadRequestError('ingest needs files, folders or URLs, e.g. brief ingest ./articles');
      const report = await deps.ingest(args.words);
      deps.print(args.json ? JSON.stringify(report) : renderIngest(report));
      // Some inputs failing is a partial success; nothing stored at all from bad inputs is an error.
      const refused = [
        ...report.failed,
        ...report.conflicts.map((c) => ({ origin: c.origin, error: conflictLine(c) })),
      ];
      if (refused.length === 0 || report.added + report.updated + report.unchanged > 0) return 0;
      const [first] = refused;
      const more = refused.length > 1 ? ` (and ${refused.length - 1} more)` : '';
      deps.printError(`nothing was ingested: ${first?.origin}: ${first?.error}${more}`);
      return 1;
    }
    default:
      throw new BadRequestError(`"${args.command}" is not a one-shot command`);
  }
}

function renderIngest(report: IngestReport): string {
  const lines = [
    `${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed.length} failed` +
      (report.conflicts.length > 0 ? `, ${report.conflicts.length} in conflict` : ''),
  ];
  for (const f of report.failed) lines.push(`  ${f.origin}: ${f.error}`);
  for (const c of report.conflicts) lines.push(`  ${c.origin}: ${conflictLine(c)}`);
  for (const w of report.warnings) lines.push(`  ${w.origin}: warning: ${w.warning}`);
  return lines.join('\n');
}

function conflictLine(c: IngestConflict): string {
  return `conflict: stored from ${c.storedFrom}, which ${c.input} may not replace (kept as it was)`;
}
