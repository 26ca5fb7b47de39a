/**
 * @module adapters/console/console-help
 * The console's help: how to ask, then every slash command (extra ones, such as /digest, in their
 * place after /sources) in one aligned column.
 */

export interface ConsoleCommand {
  /** How it is typed, e.g. "/digest [topic]". */
  usage: string;
  help: string;
}

export function consoleHelp(extras: readonly ConsoleCommand[]): string {
  const commands: ConsoleCommand[] = [
    { usage: '/search <terms>', help: 'find articles' },
    { usage: '/sources', help: 'what is indexed' },
    ...extras,
    { usage: '/new', help: 'start a new conversation' },
    { usage: '/help', help: 'this help' },
    { usage: '/quit', help: 'leave (Ctrl-D or Ctrl-C too)' },
  ];
  const column = Math.max(...commands.map((c) => c.usage.length)) + 2;
  return [
    'Ask a question about the indexed news, e.g. "How big is the AWS deal?"',
    "Follow-up questions keep the conversation's context.",
    ...commands.map((c) => `  ${c.usage.padEnd(column)}${c.help}`),
  ].join('\n');
}
