/**
 * @module core/alerts/alert-chat-commands
 * `/brief alert <topic>`, `/brief alert list` and `/brief alert remove <topic>` for chat, the same on
 * Slack and Discord: the text is parsed once here (Discord builds the request from its options), the
 * alert service validates it, and who may change alerts follows DIGEST_SUBSCRIBERS, as for feeds.
 * Alerts in chat belong to the channel they were added in. Answers are short text.
 */
import { BadRequestError } from '../errors.js';
import type { Alert } from './alert.js';
import type { AlertService } from './alert-service.js';
import { describeQuiet } from './quiet-hours.js';

export type AlertChatRequest =
  | { action: 'add'; topic: string; quiet: string | null; timezone: string | null }
  | { action: 'list' }
  | { action: 'remove'; topic: string };

export interface AlertChatContext {
  platform: 'slack' | 'discord';
  workspaceId: string | null;
  channelId: string;
  userId: string;
  isAdmin: boolean;
}

export interface AlertChatCommands {
  /** Runs one request in the context's channel; resolves with the reply text. */
  run(request: AlertChatRequest, ctx: AlertChatContext): Promise<string>;
}

export const ALERT_USAGE =
  'alert <topic> [quiet 22:00-07:00] [tz Europe/Berlin] | alert list | alert remove <topic>';
const ADD_EXAMPLE = '`/brief alert AI chips quiet 22:00-07:00 tz Europe/Berlin`';

/** Whether a request changes alerts (and so needs the admin check under DIGEST_SUBSCRIBERS=admins). */
export function alertRequestChanges(request: AlertChatRequest): boolean {
  return request.action !== 'list';
}

/**
 * Reads the text after `/brief alert`: `list`, `remove <topic>`, or a topic (optionally after `add`)
 * with `quiet HH:MM-HH:MM` and `tz <zone>` anywhere in it. `quiet` is a keyword only before a time, so
 * "quiet quitting" stays a topic.
 */
export function parseAlertArgs(args: string): AlertChatRequest {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase();
  if (first === 'list') {
    if (words.length > 1)
      throw new BadRequestError('`/brief alert list` takes no words; it lists the alerts of this channel.');
    return { action: 'list' };
  }
  if (first === 'remove') {
    const topic = words.slice(1).join(' ');
    if (topic === '')
      throw new BadRequestError('Say which alert to remove, e.g. `/brief alert remove AI chips`.');
    return { action: 'remove', topic };
  }
  const rest = first === 'add' ? words.slice(1) : words;
  const topic: string[] = [];
  let quiet: string | null = null;
  let timezone: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    const next = rest[i + 1];
    if (/^(--)?quiet$/i.test(word) && next !== undefined && /^\d/.test(next)) {
      quiet = next;
      i++;
    } else if (/^(--)?tz$/i.test(word)) {
      if (next === undefined) throw new BadRequestError(`Say which time zone after tz, e.g. ${ADD_EXAMPLE}.`);
      timezone = next;
      i++;
    } else topic.push(word);
  }
  if (topic.length === 0)
    throw new BadRequestError(
      `Say what to watch for, e.g. ${ADD_EXAMPLE}. Usage: \`/brief ${ALERT_USAGE}\`.`,
    );
  return { action: 'add', topic: topic.join(' '), quiet, timezone };
}

export function createAlertChatCommands(deps: {
  service: AlertService;
  who: 'anyone' | 'admins';
  /** ALERT_TUNING.maxPerChannelPerDay, for the confirmation. */
  maxPerDay: number;
}): AlertChatCommands {
  return {
    async run(request, ctx) {
      if (alertRequestChanges(request) && deps.who === 'admins' && !ctx.isAdmin) {
        const who = ctx.platform === 'slack' ? 'workspace admins' : 'members who can manage this server';
        return `Only ${who} may change the alerts here (DIGEST_SUBSCRIBERS=admins). \`/brief alert list\` shows them.`;
      }
      const here = { platform: ctx.platform, channelId: ctx.channelId };
      switch (request.action) {
        case 'add': {
          const { alert, created } = await deps.service.add({
            topic: request.topic,
            platform: ctx.platform,
            channelId: ctx.channelId,
            workspaceId: ctx.workspaceId,
            createdBy: ctx.userId,
            quiet: request.quiet,
            timezone: request.timezone,
          });
          const quiet = describeQuiet(alert.quiet, alert.timezone);
          const hours = quiet
            ? ` Nothing is posted in the quiet hours (${quiet}); what comes up then is posted after.`
            : '';
          return created
            ? `I'll post each new story about "${alert.topic}" here once, when it first appears in the feeds, ` +
                `and add the outlets that report it later in its thread. At most ${deps.maxPerDay} new stories a day.${hours}`
            : `Updated the alert on "${alert.topic}" here: ${quiet ? `quiet hours ${quiet}` : 'no quiet hours'}.`;
        }
        case 'list': {
          const alerts = await deps.service.list(here);
          if (alerts.length === 0)
            return 'No alerts in this channel. Add one with `/brief alert <topic>`, e.g. `/brief alert AI chips`.';
          return ['Alerts in this channel:', ...alerts.map(alertLine)].join('\n');
        }
        case 'remove': {
          const removed = await deps.service.remove(request.topic, here);
          return removed === 0
            ? `There is no alert on "${request.topic.trim()}" in this channel. \`/brief alert list\` shows them.`
            : `Removed the alert on "${request.topic.trim()}"; I won't post its stories here any more.`;
        }
      }
    },
  };
}

function alertLine(alert: Alert): string {
  const quiet = describeQuiet(alert.quiet, alert.timezone);
  return `• "${alert.topic}"${quiet ? ` (quiet ${quiet})` : ''}`;
}
