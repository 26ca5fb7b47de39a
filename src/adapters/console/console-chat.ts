/**
 * @module adapters/console/console-chat
 * The console chat: the bot in a terminal when no Slack or Discord token is set. On a terminal it
 * edits lines as any terminal program does (arrow keys, Ctrl-A/E, history on the up arrow kept across
 * runs), wraps answers to the terminal's width, and Ctrl-C or Ctrl-D leave; from a pipe it reads one
 * message a line without a prompt. Questions keep the session's earlier turns as context.
 */
import { createInterface, type Interface } from 'node:readline';
import { renderAnswer, renderSearch, renderSources } from '../../cli/render-text.js';
import type { Briefing } from '../../core/briefing.js';
import { createConversation } from '../../core/conversation/converse.js';
import { asBriefError } from '../../core/errors.js';
import type { ConversationStore } from '../../core/ports.js';
import { silentLogger } from '../log/json-logger.js';
import { consoleHelp } from './console-help.js';
import { HISTORY_SIZE, loadHistory, saveHistory } from './history-file.js';
import { wrapText } from './wrap-text.js';

export interface ExtraCommand {
  /** How it is typed, e.g. "/digest [topic]"; default "/<name>". */
  usage?: string;
  help: string;
  run(args: string): Promise<string> | string;
}

export interface ConsoleChatDeps {
  briefing: Briefing;
  conversations: ConversationStore;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  maxQuestionChars: number;
  now: () => Date;
  /** Extra slash commands (e.g. /digest), by name without the slash; listed after /sources. */
  extraCommands?: Record<string, ExtraCommand>;
  /** Where the input history is kept across runs (terminal only); none when unset. */
  historyFile?: string;
  /** One sentence shown under the banner, e.g. that the bundled seeds were just ingested. */
  notice?: string;
}

export async function runConsoleChat(deps: ConsoleChatDeps): Promise<void> {
  const terminal = Boolean(deps.input.isTTY && deps.output.isTTY);
  const rl = createInterface({
    input: deps.input,
    output: deps.output,
    terminal,
    prompt: '> ',
    ...(terminal && deps.historyFile
      ? { history: loadHistory(deps.historyFile), historySize: HISTORY_SIZE, removeHistoryDuplicates: true }
      : {}),
  });
  const lines = linesOf(rl);
  let closed = false;
  let readerGone = false;
  rl.on('close', () => {
    closed = true;
  });
  const leave = () => {
    if (!closed) rl.close();
  };
  // `brief chat | head`: once the reader is gone there is no one to talk to; leave without a trace.
  deps.output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
    leave();
  });
  rl.on('SIGINT', () => {
    if (terminal) deps.output.write('\n');
    leave();
  });
  const historyFile = deps.historyFile;
  if (terminal && historyFile) rl.on('history', (history: string[]) => saveHistory(historyFile, history));

  let key = `console:${deps.now().getTime()}`;
  const conversation = createConversation({
    briefing: deps.briefing,
    conversations: deps.conversations,
    clock: { now: deps.now },
    logger: silentLogger,
    maxQuestionChars: deps.maxQuestionChars,
  });
  const say = (text: string) => {
    if (!readerGone) deps.output.write(`${wrapText(text, terminal ? deps.output.columns : undefined)}\n\n`);
  };
  const prompt = () => {
    if (!closed && terminal) rl.prompt();
  };
  const extras = deps.extraCommands ?? {};
  const help = consoleHelp(
    Object.entries(extras).map(([name, c]) => ({ usage: c.usage ?? `/${name}`, help: c.help })),
  );
  say(`Briefbot console. ${help}`);
  if (deps.notice) say(deps.notice);
  prompt();
  for await (const line of lines) {
    const text = line.trim();
    try {
      if (text === '/quit' || text === '/exit') break;
      if (text === '') {
        // Nothing to do; show the prompt again.
      } else if (text === '/help') say(help);
      else if (text === '/sources') say(renderSources(await deps.briefing.sources()));
      else if (text === '/new') {
        key = `console:${deps.now().getTime()}`;
        say('Started a new conversation.');
      } else if (text === '/search' || text.startsWith('/search ')) {
        const terms = text.slice('/search'.length).trim();
        say(terms ? renderSearch(await deps.briefing.search(terms, 5)) : 'Usage: /search <terms>');
      } else if (text.startsWith('/')) {
        const [name = '', ...rest] = text.slice(1).split(/\s+/);
        const extra = extras[name];
        say(extra ? await extra.run(rest.join(' ')) : `Unknown command /${name}.\n${help}`);
      } else {
        await conversation.converse(
          { text, asker: 'console', conversation: key },
          {
            send: async (reply) => say(renderAnswer(reply.answer)),
            fail: async (error) => say(`Sorry: ${error.message}`),
          },
        );
      }
    } catch (error) {
      say(`Sorry: ${asBriefError(error).message}`);
    }
    prompt();
  }
  leave();
  if (terminal && !readerGone) deps.output.write('Bye.\n');
}

/**
 * The lines typed, as an async iterable that ends when the interface closes (Ctrl-D, Ctrl-C, end of
 * input). Lines typed while an answer is on its way wait their turn.
 */
async function* linesOf(rl: Interface): AsyncGenerator<string> {
  const queue: string[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  rl.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  rl.on('close', () => {
    ended = true;
    wake?.();
  });
  while (true) {
    const next = queue.shift();
    if (next !== undefined) {
      yield next;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = null;
  }
}
