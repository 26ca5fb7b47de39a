/**
 * @module adapters/discord/testing/fake-rest-routes
 * The REST routes of the fake Discord: gateway discovery, channel messages (sent, edited, deleted),
 * DMs, interaction callbacks and webhooks (replies, edits, follow-ups), and command registration.
 * Message creation honours `nonce` with `enforce_nonce` (the same nonce within a few minutes returns the
 * first message); listing a channel's messages takes `limit`, `before` and `after`.
 */
import { InteractionResponseType } from 'discord.js';
import { type GuildSpec, snowflake, type WireUser } from './discord-payloads.js';
import { choiceProblems, type WireMessageBody } from './wire-checks.js';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface InteractionRecord {
  id: string;
  token: string;
  channelId: string;
  guildId: string | null;
  callbacks: { type: number; data?: Record<string, unknown> }[];
  original: Record<string, unknown> | null;
  followUps: Record<string, unknown>[];
}

export interface FakeState {
  token: string;
  applicationId: string;
  bot: WireUser;
  gatewayUrl: () => string;
  guilds: GuildSpec[];
  dmChannels: Map<string, { id: string; type: 1; recipients: WireUser[] }>;
  /** Every stored message by channel, the users' and the bot's. */
  messages: Map<string, Map<string, Record<string, unknown>>>;
  interactions: Map<string, InteractionRecord>;
  commands: Map<string, unknown[]>;
  /** Nonces sent with `enforce_nonce`, by channel and nonce: the message they created, and when. */
  nonces: Map<string, { messageId: string; at: number }>;
}

/** How long Discord remembers an enforced nonce ("the past few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;

export interface Route {
  method: string;
  pattern: RegExp;
  auth: boolean;
  /** Bodies of these routes are messages: checked for limits and mention safety. */
  message?: (body: Record<string, unknown>) => boolean;
  handle(match: string[], body: Record<string, unknown>, state: FakeState, query: URLSearchParams): Reply;
}

export function guildOfChannel(state: FakeState, channelId: string): string | null {
  const guild = state.guilds.find((g) => [...g.channels, ...g.threads].some((c) => c.id === channelId));
  return guild?.id ?? null;
}

export function storeMessage(state: FakeState, message: Record<string, unknown>): void {
  const channelId = String(message.channel_id);
  const channel = state.messages.get(channelId) ?? new Map<string, Record<string, unknown>>();
  channel.set(String(message.id), message);
  state.messages.set(channelId, channel);
}

function botMessage(
  state: FakeState,
  channelId: string,
  body: WireMessageBody & Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const guildId = guildOfChannel(state, channelId);
  const reference = body.message_reference as { message_id: string } | undefined;
  const referenced = reference ? state.messages.get(channelId)?.get(reference.message_id) : undefined;
  return {
    id: snowflake(),
    channel_id: channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    author: state.bot,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    flags: Number(body.flags ?? 0),
    type: reference ? 19 : 0,
    ...(reference
      ? { message_reference: { type: 0, message_id: reference.message_id, channel_id: channelId } }
      : {}),
    ...(referenced ? { referenced_message: referenced } : {}),
    ...extra,
  };
}

function interactionMessage(state: FakeState, record: InteractionRecord, body: Record<string, unknown>) {
  return botMessage(state, record.channelId, body, {
    webhook_id: state.applicationId,
    application_id: state.applicationId,
    interaction_metadata: { id: record.id, type: 2, user: state.bot, authorizing_integration_owners: {} },
  });
}

/** The parts of a message an edit (PATCH) replaces: only those it sends. */
function editedFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    ['content', 'embeds', 'components'].filter((k) => k in body).map((k) => [k, body[k]]),
  );
}

const notFound = (code: number, message: string): Reply => ({ status: 404, body: { code, message } });
const isMessageCallback = (b: Record<string, unknown>) =>
  b.type === InteractionResponseType.ChannelMessageWithSource ||
  b.type === InteractionResponseType.UpdateMessage;

export const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/gateway\/bot$/,
    auth: true,
    handle: (_m, _b, s) => ({
      status: 200,
      body: {
        url: s.gatewayUrl(),
        shards: 2,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      },
    }),
  },
  {
    method: 'POST',
    pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
    auth: false,
    message: isMessageCallback,
    handle: ([, id, token = ''], body, s) => {
      const record = s.interactions.get(token);
      if (!record || record.id !== id) return notFound(10062, 'Unknown interaction');
      if (record.callbacks.length > 0)
        return { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } };
      const data = (body.data ?? {}) as Record<string, unknown>;
      if (body.type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
        const problems = choiceProblems((data.choices ?? []) as { name?: unknown; value?: unknown }[]);
        if (problems.length > 0)
          return { status: 400, body: { code: 50035, message: `Invalid Form Body: ${problems.join('; ')}` } };
      }
      record.callbacks.push({ type: Number(body.type), data });
      if (body.type === InteractionResponseType.ChannelMessageWithSource)
        record.original = interactionMessage(s, record, data);
      if (body.type === InteractionResponseType.DeferredChannelMessageWithSource) {
        record.original = interactionMessage(s, record, { flags: Number(data.flags ?? 0) | 128 });
      }
      return { status: 204 };
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
    auth: false,
    message: () => true,
    handle: ([, , token = '', which], body, s) => {
      const record = s.interactions.get(token);
      if (!record?.original || which !== '@original') return notFound(10008, 'Unknown Message');
      // An edit changes only the fields it sends (a deferred reply also stops "thinking").
      const flags = Number(record.original.flags) & ~128;
      record.original = {
        ...interactionMessage(s, record, { ...record.original, ...editedFields(body), flags }),
        id: record.original.id,
        edited_timestamp: new Date().toISOString(),
      };
      storeMessage(s, record.original);
      return { status: 200, body: record.original };
    },
  },
  {
    method: 'POST',
    pattern: /^\/webhooks\/(\d+)\/([^/]+)$/,
    auth: false,
    message: () => true,
    handle: ([, , token = ''], body, s) => {
      const record = s.interactions.get(token);
      if (!record?.original) return notFound(10015, 'Unknown Webhook');
      const message = interactionMessage(s, record, body);
      record.followUps.push(message);
      storeMessage(s, message);
      return { status: 200, body: message };
    },
  },
  {
    method: 'POST',
    pattern: /^\/channels\/(\d+)\/messages$/,
    auth: true,
    message: () => true,
    handle: ([, channelId = ''], body, s) => {
      // A reply to a deleted message is refused unless it asks to be posted as a plain message.
      const reference = body.message_reference as
        | { message_id: string; fail_if_not_exists?: boolean }
        | undefined;
      if (reference && !s.messages.get(channelId)?.has(reference.message_id)) {
        if (reference.fail_if_not_exists !== false)
          return {
            status: 400,
            body: {
              code: 50035,
              message: 'Invalid Form Body',
              errors: {
                message_reference: {
                  _errors: [{ code: 'REPLIES_UNKNOWN_MESSAGE', message: 'Unknown message' }],
                },
              },
            },
          };
        delete body.message_reference;
      }
      // enforce_nonce: the same nonce from the same author within a few minutes returns the first message.
      const nonce =
        typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : null;
      const key = `${channelId}:${nonce}`;
      const earlier = nonce && body.enforce_nonce === true ? s.nonces.get(key) : undefined;
      const existing = earlier ? s.messages.get(channelId)?.get(earlier.messageId) : undefined;
      if (earlier && existing && Date.now() - earlier.at < NONCE_WINDOW_MS)
        return { status: 200, body: { ...existing, nonce } };
      const message = botMessage(s, channelId, body);
      storeMessage(s, message);
      if (nonce && body.enforce_nonce === true) s.nonces.set(key, { messageId: message.id, at: Date.now() });
      // The nonce is echoed in the answer but not stored: fetched messages do not carry it.
      return { status: 200, body: nonce ? { ...message, nonce } : message };
    },
  },
  {
    method: 'GET',
    pattern: /^\/channels\/(\d+)\/messages$/,
    auth: true,
    handle: ([, channelId = ''], _b, s, query) => {
      const limit = Math.min(100, Number(query.get('limit') ?? 50));
      const id = (m: Record<string, unknown>) => BigInt(String(m.id));
      const newestFirst = [...(s.messages.get(channelId)?.values() ?? [])].sort((a, b) =>
        id(a) > id(b) ? -1 : 1,
      );
      const after = query.get('after');
      if (after) {
        // The `limit` messages right after `after`, newest first, as Discord answers.
        const later = newestFirst.filter((m) => id(m) > BigInt(after));
        return { status: 200, body: later.slice(Math.max(0, later.length - limit)) };
      }
      const before = query.get('before');
      const older = before ? newestFirst.filter((m) => id(m) < BigInt(before)) : newestFirst;
      return { status: 200, body: older.slice(0, limit) };
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
    auth: true,
    message: () => true,
    handle: ([, channelId = '', id = ''], body, s) => {
      const message = s.messages.get(channelId)?.get(id);
      if (!message) return notFound(10008, 'Unknown Message');
      if ((message.author as WireUser).id !== s.bot.id)
        return {
          status: 403,
          body: { code: 50005, message: 'Cannot edit a message authored by another user' },
        };
      const edited = { ...message, ...editedFields(body), edited_timestamp: new Date().toISOString() };
      storeMessage(s, edited);
      return { status: 200, body: edited };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
    auth: true,
    handle: ([, channelId = '', id = ''], _b, s) =>
      s.messages.get(channelId)?.delete(id) ? { status: 204 } : notFound(10008, 'Unknown Message'),
  },
  {
    method: 'GET',
    pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
    auth: true,
    handle: ([, channelId = '', id = ''], _b, s) => {
      const message = s.messages.get(channelId)?.get(id);
      return message ? { status: 200, body: message } : notFound(10008, 'Unknown Message');
    },
  },
  {
    method: 'GET',
    pattern: /^\/channels\/(\d+)$/,
    auth: true,
    handle: ([, channelId = ''], _b, s) => {
      const guild = s.guilds.find((g) => [...g.channels, ...g.threads].some((c) => c.id === channelId));
      const channel =
        [...(guild?.channels ?? []), ...(guild?.threads ?? [])].find((c) => c.id === channelId) ??
        s.dmChannels.get(channelId);
      if (!channel) return notFound(10003, 'Unknown Channel');
      return { status: 200, body: { ...channel, ...(guild ? { guild_id: guild.id } : {}) } };
    },
  },
  { method: 'POST', pattern: /^\/channels\/(\d+)\/typing$/, auth: true, handle: () => ({ status: 204 }) },
  {
    method: 'POST',
    pattern: /^\/users\/@me\/channels$/,
    auth: true,
    handle: (_m, body, s) => {
      const existing = [...s.dmChannels.values()].find((c) => c.recipients[0]?.id === body.recipient_id);
      const channel = existing ?? {
        id: snowflake(),
        type: 1 as const,
        recipients: [{ ...s.bot, id: String(body.recipient_id), bot: false }],
      };
      s.dmChannels.set(channel.id, channel);
      return { status: 200, body: channel };
    },
  },
  {
    method: 'PUT',
    pattern: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
    auth: true,
    handle: ([, appId, guildId], body, s) => {
      if (appId !== s.applicationId) return { status: 403, body: { code: 50001, message: 'Missing Access' } };
      if (guildId && !s.guilds.some((g) => g.id === guildId))
        return { status: 403, body: { code: 50001, message: 'Missing Access' } };
      const saved = (body as unknown as Record<string, unknown>[]).map((c) => ({
        ...c,
        id: snowflake(),
        application_id: appId,
        version: '1',
      }));
      s.commands.set(guildId ?? 'global', saved);
      return { status: 200, body: saved };
    },
  },
];
