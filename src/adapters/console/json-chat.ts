/**
 * @module adapters/console/json-chat
 * `brief chat --json`: the conversation for scripts and outside checks. Reads one message per line on
 * stdin and writes one JSON object per line on stdout, in the `brief ask --json` shape plus `kind` and
 * `resolvedQuestion`; the conversation carries over between lines, and `/new` starts a new one. A line
 * that fails (too long, say) gets `{"question", "error", "code"}` and the next line is read as usual.
 */
import { createInterface } from 'node:readline/promises';
import type { Briefing } from '../../core/briefing.js';
import { createConversation } from '../../core/conversation/converse.js';
import { toChatJson } from '../../core/conversation/reply.js';
import type { ConversationStore } from '../../core/ports.js';
import { silentLogger } from '../log/json-logger.js';

export interface JsonChatDeps {
  briefing: Briefing;
  conversations: ConversationStore;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  maxQuestionChars: number;
  now: () => Date;
}

export async function runJsonChat(deps: JsonChatDeps): Promise<void> {
  const conversation = createConversation({
    briefing: deps.briefing,
    conversations: deps.conversations,
    clock: { now: deps.now },
    logger: silentLogger,
    maxQuestionChars: deps.maxQuestionChars,
  });
  const write = (value: unknown) => deps.output.write(`${JSON.stringify(value)}\n`);
  // Several conversations may start in one millisecond: the counter keeps their keys apart.
  let started = 0;
  const newKey = () => `console:json:${deps.now().getTime()}:${++started}`;
  let key = newKey();
  const rl = createInterface({ input: deps.input, terminal: false });
  for await (const line of rl) {
    const text = line.trim();
    if (text === '') continue;
    if (text === '/new') {
      key = newKey();
      continue;
    }
    await conversation.converse(
      { text, asker: 'console', conversation: key },
      {
        send: async (reply) => {
          write(toChatJson(reply));
        },
        fail: async (error) => {
          write({ question: text, error: error.message, code: error.code });
        },
      },
    );
  }
  rl.close();
}
