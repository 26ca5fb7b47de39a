/**
 * @module adapters/console/console-chat
 * The console chat: the bot in a terminal when no Slack or Discord token is set. Questions keep the
 * session's earlier turns as context; /search, /sources, /help and /quit work as in chat.
 */
import { createInterface } from 'node:readline/promises';
import { renderAnswer, renderSearch, renderSources } from '../../cli/render-text.js';
import type { Briefing } from '../../core/briefing.js';
import { createConversation } from '../../core/conversation/converse.js';
import { asBriefError } from '../../core/errors.js';
import type { ConversationStore } from '../../core/ports.js';
import { silentLogger } from '../log/json-logger.js';

export interface ConsoleChatDeps {
  briefing: Briefing;
  conversations: ConversationStore;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  maxQuestionChars: number;
  now: () => Date;
  /** Extra slash commands (e.g. /digest), by name without the slash. */
  extraCommands?: Record<string, { help: string; run(args: string): Promise<string> | string }>;
}

export const CONSOLE_HELP = `Ask a question about the indexed news, e.g. "How big is the AWS deal?"
Follow-up questions keep the conversation's context.
  /search <terms>   find articles
  /sources          what is indexed
  /new              start a new conversation
  /help             this help
  /quit             leave`;

export async function runConsoleChat(deps: ConsoleChatDeps): Promise<void> {
  const rl = createInterface({ input: deps.input, output: deps.output, terminal: false });
  let key = `console:${deps.now().getTime()}`;
  const conversation = createConversation({
    briefing: deps.briefing,
    conversations: deps.conversations,
    clock: { now: deps.now },
    logger: silentLogger,
    maxQuestionChars: deps.maxQuestionChars,
  });
  const say = (text: string) => deps.output.write(`${text}\n\n`);
  const extras = deps.extraCommands ?? {};
  const extraHelp = Object.entries(extras).map(([name, c]) => `  /${name.padEnd(16)}${c.help}`);
  say(`Briefbot console. ${[CONSOLE_HELP, ...extraHelp].join('\n')}`);
  deps.output.write('> ');
  for await (const line of rl) {
    const text = line.trim();
    try {
      if (text === '/quit' || text === '/exit') break;
      if (text === '') {
        // Nothing to do; show the prompt again.
      } else if (text === '/help') say([CONSOLE_HELP, ...extraHelp].join('\n'));
      else if (text === '/sources') say(renderSources(await deps.briefing.sources()));
      else if (text === '/new') {
        key = `console:${deps.now().getTime()}`;
        say('Started a new conversation.');
      } else if (text.startsWith('/search')) {
        const terms = text.slice('/search'.length).trim();
        say(terms ? renderSearch(await deps.briefing.search(terms, 5)) : 'Usage: /search <terms>');
      } else if (text.startsWith('/')) {
        const [name = '', ...rest] = text.slice(1).split(/\s+/);
        const extra = extras[name];
        say(extra ? await extra.run(rest.join(' ')) : `Unknown command /${name}.\n${CONSOLE_HELP}`);
      } else {
        await conversation.converse(
          { text, asker: 'console', conversation: key },
          {
            send: async (reply) => {
              say(renderAnswer(reply.answer));
            },
            fail: async (error) => {
              say(`Sorry: ${error.message}`);
            },
          },
        );
      }
    } catch (error) {
      say(`Sorry: ${asBriefError(error).message}`);
    }
    deps.output.write('> ');
  }
  rl.close();
}
