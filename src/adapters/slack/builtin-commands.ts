/**
 * @module adapters/slack/builtin-commands
 * The subcommands `/brief` has from the start: ask, search and sources. `help` is built by the router
 * from the whole table.
 */
import { BadRequestError, type BriefError } from '../../core/errors.js';
import { DM_CONTEXT_MS } from './conversation-events.js';
import { renderReply } from './render-reply.js';
import { renderSearch } from './render-search.js';
import { renderSources } from './render-sources.js';
import { admitQuestion, conversationKey, type SlackRuntime } from './slack-runtime.js';
import type { SlashSubcommand } from './slash-command.js';

export const SEARCH_RESULTS = 8;

export function builtinCommands(rt: SlackRuntime): SlashSubcommand[] {
  return [
    {
      name: 'ask',
      usage: 'ask <question>',
      description: 'Answers a question from the articles, with numbered sources.',
      example: 'ask How big is the AWS deal?',
      progress: ':mag: Reading the articles…',
      async handler({ args, userId, teamId, channelId, respond }) {
        // Not streamed: the reply is ephemeral, which chat.update cannot edit, and a response URL takes
        // only five posts; the acknowledgement above shows meanwhile, and the verified answer comes once.
        // Each person's /brief ask in a channel is a conversation of its own, of the last half hour.
        let failure: BriefError | undefined;
        await rt.conversation.converse(
          {
            text: args,
            asker: `${teamId}:${userId}`,
            conversation: conversationKey(teamId, channelId, `slash:${userId}`),
            context: { since: new Date(rt.clock.now().getTime() - DM_CONTEXT_MS).toISOString() },
          },
          {
            send: (reply) => respond(renderReply(reply, args), { shareable: true }),
            fail: async (error) => {
              failure = error;
            },
          },
        );
        // The router tells the person privately and logs it, as for every subcommand.
        if (failure) throw failure;
      },
    },
    {
      name: 'search',
      usage: 'search <terms>',
      description: 'Lists the articles that match, each with its best passage.',
      example: 'search Trainium chips',
      async handler({ args, userId, teamId, respond }) {
        if (args === '') {
          throw new BadRequestError('Tell me what to look for, e.g. `/brief search Trainium chips`.');
        }
        const terms = await admitQuestion(rt, teamId, userId, args);
        await respond(renderSearch(await rt.briefing.search(terms, SEARCH_RESULTS)), { shareable: true });
      },
    },
    {
      name: 'sources',
      usage: 'sources',
      description: 'Shows which articles and outlets I answer from.',
      example: 'sources',
      async handler({ respond }) {
        await respond(renderSources(await rt.briefing.sources()), { shareable: true });
      },
    },
  ];
}
