/**
 * @module adapters/slack/testing/slack-payloads
 * Small factories for what Slack delivers (event callbacks, slash commands, button clicks), with
 * overrides. Timestamps and event ids are unique per call unless given.
 */
import { BOT_USER_ID, TEAM_ID } from './fake-slack-server.js';

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

export const CHANNEL = 'C0001';
export const DM_CHANNEL = 'D0001';
export const USER = 'U0001';

export interface MessageFields {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
  bot_id?: string;
  subtype?: string;
}

export function newTs(): string {
  return `1700000000.${String(next()).padStart(6, '0')}`;
}

function callback<E extends { ts: string; channel: string }>(
  event: E,
  eventId = `Ev${String(next()).padStart(8, '0')}`,
) {
  return {
    token: 'legacy',
    team_id: TEAM_ID,
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    event,
  };
}

/** `app_mention`: "@Briefbot <text>" in a channel. */
export function mentionEvent(fields: MessageFields, eventId?: string) {
  const ts = fields.ts ?? newTs();
  return callback(
    {
      type: 'app_mention',
      user: fields.user ?? USER,
      text: `<@${BOT_USER_ID}> ${fields.text}`,
      channel: fields.channel ?? CHANNEL,
      ts,
      event_ts: ts,
      ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
      ...(fields.bot_id ? { bot_id: fields.bot_id } : {}),
    },
    eventId,
  );
}

/** `message` in a channel (`message.channels`) or, with `channel_type: 'im'`, a DM. */
export function messageEvent(fields: MessageFields & { channel_type?: 'channel' | 'im' }, eventId?: string) {
  const ts = fields.ts ?? newTs();
  return callback(
    {
      type: 'message',
      user: fields.user ?? USER,
      text: fields.text,
      channel: fields.channel ?? (fields.channel_type === 'im' ? DM_CHANNEL : CHANNEL),
      channel_type: fields.channel_type ?? 'channel',
      ts,
      event_ts: ts,
      ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
      ...(fields.bot_id ? { bot_id: fields.bot_id } : {}),
      ...(fields.subtype ? { subtype: fields.subtype } : {}),
    },
    eventId,
  );
}

/** The fields of a `/brief <text>` slash command. */
export function slashCommand(text: string, responseUrl: string, user = USER): Record<string, string> {
  return {
    token: 'legacy',
    team_id: TEAM_ID,
    team_domain: 'test',
    channel_id: CHANNEL,
    channel_name: 'news',
    user_id: user,
    user_name: 'ann',
    command: '/brief',
    text,
    api_app_id: 'A0001',
    response_url: responseUrl,
    trigger_id: `trigger-${next()}`,
  };
}

/** A `block_actions` click on a button. `message` present means a public message; absent means ephemeral. */
export function buttonClick(options: {
  actionId: string;
  value: string;
  responseUrl: string;
  user?: string;
  message?: { ts: string; text: string; blocks: unknown[] };
}) {
  return {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'test' },
    user: { id: options.user ?? USER, username: 'ann', name: 'ann', team_id: TEAM_ID },
    api_app_id: 'A0001',
    token: 'legacy',
    container: options.message
      ? { type: 'message', message_ts: options.message.ts, channel_id: CHANNEL, is_ephemeral: false }
      : { type: 'message', message_ts: newTs(), channel_id: CHANNEL, is_ephemeral: true },
    trigger_id: `trigger-${next()}`,
    channel: { id: CHANNEL, name: 'news' },
    ...(options.message
      ? { message: { type: 'message', user: BOT_USER_ID, bot_id: 'BBOT', ...options.message } }
      : {}),
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'block',
        value: options.value,
        text: { type: 'plain_text', text: 'button' },
        action_ts: '1700000000.000001',
      },
    ],
  };
}

/** `app_home_opened`: someone opened the bot's Home (or Messages) tab. */
export function homeOpenedEvent(fields: { user?: string; tab?: 'home' | 'messages' } = {}) {
  return {
    token: 'legacy',
    team_id: TEAM_ID,
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `Ev${String(next()).padStart(8, '0')}`,
    event_time: 1_700_000_000,
    event: {
      type: 'app_home_opened',
      user: fields.user ?? USER,
      channel: DM_CHANNEL,
      tab: fields.tab ?? 'home',
      event_ts: newTs(),
    },
  };
}
