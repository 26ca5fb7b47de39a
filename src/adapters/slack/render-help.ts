/**
 * @module adapters/slack/render-help
 * The `/brief help` text, generated from the subcommand table so every subcommand is listed with an example.
 */
import { type Block, context, type SlackReply, sections } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import type { SlashSubcommand } from './slash-command.js';

/** `unknown` is the subcommand the person typed that does not exist, if any. */
export function renderHelp(commands: readonly SlashSubcommand[], unknown?: string): SlackReply {
  const blocks: Block[] = [];
  const intro = unknown
    ? `I don't know \`${escapeMrkdwn(unknown).replace(/`/g, "'")}\`. Here is what \`/brief\` can do:`
    : ":newspaper: *Briefbot* answers questions about the news from your team's articles, with sources.";
  blocks.push(...sections(intro));
  const lines = commands.map(
    (c) =>
      `• \`/brief ${escapeMrkdwn(c.usage)}\` — ${escapeMrkdwn(c.description)}\n    _e.g._ \`/brief ${escapeMrkdwn(c.example)}\``,
  );
  blocks.push(...sections(lines.join('\n')));
  blocks.push(
    context(
      'You can also mention me in a channel (`@Briefbot How big is the AWS deal?`), send me a DM, or reply in a thread I answered in to ask a follow-up.',
    ),
  );
  return {
    blocks,
    text: unknown
      ? `Unknown subcommand "${escapeMrkdwn(unknown)}". /brief help lists them all.`
      : 'Briefbot help',
  };
}
