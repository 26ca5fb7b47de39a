/**
 * @module adapters/slack/slash-router
 * `/brief <subcommand> …`: acknowledges within Slack's 3 seconds, finds the subcommand in the table and
 * runs it. An unknown or missing subcommand gets the help; a failure gets one short private line.
 * Slack never retries a command, so one the shutdown drain gives up on is told so (RESTARTING_LINE).
 */
import type { App, RespondFn } from '@slack/bolt';
import { plainReply, type SlackReply, toMessages } from './blocks.js';
import { unescapeEntities } from './mrkdwn.js';
import type { WebClient } from './post-messages.js';
import { renderHelp } from './render-help.js';
import { withShareButton } from './share-action.js';
import { toDeliveryError, userMessage } from './slack-errors.js';
import { logFailure, type SlackRuntime } from './slack-runtime.js';
import { parseSlashText, type RespondOptions, type SlashSubcommand } from './slash-command.js';

export const SLASH_COMMAND = '/brief';

/** What a person whose command the shutdown drain gave up on reads (the response URL outlives us). */
export const RESTARTING_LINE =
  ':arrows_counterclockwise: Briefbot restarted before this was ready. Please run the command again in a moment.';

export function registerSlashRouter(app: App, rt: SlackRuntime, commands: readonly SlashSubcommand[]): void {
  const table = new Map<string, SlashSubcommand>();
  const help: SlashSubcommand = {
    name: 'help',
    usage: 'help',
    description: 'Lists every subcommand with an example.',
    example: 'help',
    handler: async ({ respond }) => respond(renderHelp([...table.values()])),
  };
  for (const command of [...commands, help]) {
    if (table.has(command.name)) throw new Error(`Duplicate /brief subcommand: ${command.name}`);
    table.set(command.name, command);
  }

  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    const { name, args } = parseSlashText(unescapeEntities(command.text));
    const subcommand = table.get(name);
    await ack(subcommand?.progress ? { response_type: 'ephemeral', text: subcommand.progress } : undefined);
    // Set when the drain gives up on this command: its own replies, if they come later, go nowhere.
    let abandoned = false;
    const send = createResponder(rt, respond, () => abandoned);
    const work = async () => {
      try {
        if (!subcommand) {
          await send(renderHelp([...table.values()], name === '' ? undefined : name));
          return;
        }
        await subcommand.handler({
          args,
          userId: command.user_id,
          teamId: command.team_id,
          channelId: command.channel_id,
          respond: send,
          isAdmin: once(() => isWorkspaceAdmin(client, command.user_id)),
          botInChannel: once(() => isBotInChannel(client, command.channel_id)),
        });
      } catch (error) {
        const failure = toDeliveryError(error, `/brief ${name}`);
        logFailure(rt, 'slack command failed', failure, { subcommand: name, user: command.user_id });
        try {
          await send(plainReply(userMessage(failure)));
        } catch (again) {
          const undelivered = toDeliveryError(again, 'the error message');
          rt.logger.error('slack failure not reported in chat', {
            code: undelivered.code,
            cause: undelivered,
          });
        }
      }
    };
    await rt.inflight.track(work(), async () => {
      abandoned = true;
      rt.logger.warn('slack command abandoned by the shutdown drain', {
        subcommand: name,
        user: command.user_id,
      });
      await respond({ response_type: 'ephemeral', replace_original: false, text: RESTARTING_LINE });
    });
  });
}

/** Asks Slack whether the person administers or owns the workspace. */
export async function isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
  try {
    const { user } = await client.users.info({ user: userId });
    return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
  } catch (error) {
    throw toDeliveryError(error, 'users.info');
  }
}

/** Asks Slack whether the bot is in the channel; a DM with the bot always counts. */
export async function isBotInChannel(client: WebClient, channelId: string): Promise<boolean> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    return Boolean(channel?.is_member || channel?.is_im);
  } catch (error) {
    const reason = (error as { data?: { error?: unknown } }).data?.error;
    if (reason === 'channel_not_found') return false;
    throw toDeliveryError(error, 'conversations.info');
  }
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= fn();
    return result;
  };
}

/** Turns replies into response_url messages: private by default, with a share button when asked. */
export function createResponder(rt: SlackRuntime, respond: RespondFn, abandoned = () => false) {
  return async (reply: SlackReply | string, options: RespondOptions = {}): Promise<void> => {
    if (abandoned()) {
      rt.logger.info('slack reply dropped: the person was told to run the command again');
      return;
    }
    const base = typeof reply === 'string' ? plainReply(reply) : reply;
    const full =
      options.shareable && !options.inChannel ? withShareButton(base, await rt.shares.put(base)) : base;
    for (const message of toMessages(full)) {
      try {
        await respond({
          response_type: options.inChannel ? 'in_channel' : 'ephemeral',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        throw toDeliveryError(error, 'the response URL');
      }
    }
  };
}
