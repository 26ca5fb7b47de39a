/**
 * @module adapters/slack/alert-commands
 * `/brief alert <topic> | list | remove <topic>` on Slack: translates the invocation for the shared
 * alert commands (core/alerts/alert-chat-commands), checking admin status only when a change needs it
 * and, before adding, that the bot is in the channel it would post in.
 */
import {
  ALERT_USAGE,
  type AlertChatCommands,
  alertRequestChanges,
  parseAlertArgs,
} from '../../core/alerts/alert-chat-commands.js';
import { asBriefError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { mrkdwnReply } from './blocks.js';
import type { SlashSubcommand } from './slash-command.js';

export const ALERT_NOT_IN_CHANNEL =
  "I'm not in this channel, so I could not post its alerts. Invite me first with `/invite @Briefbot`, then run `/brief alert` again.";

export function slackAlertCommands(deps: {
  commands: AlertChatCommands;
  who: 'anyone' | 'admins';
  logger?: Logger;
}): SlashSubcommand[] {
  return [
    {
      name: 'alert',
      usage: ALERT_USAGE,
      description:
        'Posts each new story about a topic here once, when it first appears in the feeds; later outlets go in its thread.',
      example: 'alert AI chips quiet 22:00-07:00 tz Europe/Berlin',
      async handler(invocation) {
        const request = parseAlertArgs(invocation.args);
        if (request.action === 'add') {
          // When Slack cannot say (a missing scope), the alert goes ahead: it is the channel's to test.
          const member = await invocation.botInChannel().catch((error: unknown) => {
            const failure = asBriefError(error);
            deps.logger?.warn('slack membership check failed', {
              code: failure.code,
              channel: invocation.channelId,
            });
            return null;
          });
          if (member === false) {
            // Our own words, sent as mrkdwn: escaping would break the `@Briefbot` a person copies.
            await invocation.respond(mrkdwnReply(ALERT_NOT_IN_CHANNEL));
            return;
          }
        }
        // An admin lookup that fails counts as no admin; the refusal then says who may change alerts.
        const needsAdmin = deps.who === 'admins' && alertRequestChanges(request);
        const isAdmin = needsAdmin ? await invocation.isAdmin().catch(() => false) : false;
        const text = await deps.commands.run(request, {
          platform: 'slack',
          workspaceId: invocation.teamId,
          channelId: invocation.channelId,
          userId: invocation.userId,
          isAdmin,
        });
        await invocation.respond(text);
      },
    },
  ];
}
