/**
 * @module adapters/slack/builtin-commands
 * The subcommands `/brief` has from the start: ask, search and sources. `help` is built by the router
 * from the whole table.
 */
import { BadRequestError } from '../../errors.js';
import { renderAnswer } from './render-answer.js';
import { renderSearch } from './render-search.js';
import { renderSources } from './render-sources.js';
import { admitQuestion, conversationKey, nowIso, type SlackRuntime } from './slack-runtime.js';
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
        const question = admitQuestion(rt, teamId, userId, args);
        // Not streamed: the reply is ephemeral, which chat.update cannot edit, and a response URL takes
        // only five posts; the acknowledgement above shows meanwhile, and the verified answer comes once.
        const answer = await rt.briefing.ask(question);
        const answerId = rt.feedback.recordAnswer(
          answer,
          conversationKey(teamId, channelId, 'slash'),
          nowIso(rt),
        );
        await respond(renderAnswer(answer, { answerId, question }), { shareable: true });
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
        const terms = admitQuestion(rt, teamId, userId, args);
        await respond(renderSearch(rt.briefing.search(terms, SEARCH_RESULTS)), { shareable: true });
      },
    },
    {
      name: 'sources',
      usage: 'sources',
      description: 'Shows which articles and outlets I answer from.',
      example: 'sources',
      async handler({ respond }) {
        await respond(renderSources(rt.briefing.sources()), { shareable: true });
      },
    },
  ];
}
