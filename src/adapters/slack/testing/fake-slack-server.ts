/**
 * @module adapters/slack/testing/fake-slack-server
 * A local Slack on 127.0.0.1 for tests and the load benchmark: the Web API (`/api/<method>`, form or
 * JSON bodies), response URLs (`/response/<id>`) and a Socket Mode WebSocket (`/socket`). Replies can be
 * scripted per method (429 with Retry-After, 500, `ok: false`, a slow answer) to test how the adapter
 * copes. The bot's messages are kept as posted, updated and deleted, in the order Slack applied them.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeSocketMode, type FakeSocketMode } from './fake-socket-mode.js';
import { createWaitList } from './wait-list.js';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** performance.now() when the request arrived, or when it was applied after a scripted delay. */
  at: number;
}

/** A message of the bot as it stands now: its latest text and blocks, and every version it went through. */
export interface PostedMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: unknown[];
  /** The message metadata it was posted with, as conversations.history returns it. */
  metadata: Record<string, unknown> | undefined;
  versions: { text: string; blocks: unknown[] }[];
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** A scripted HTTP reply; `body` defaults to the method's normal success. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  /** Slack takes this long before it applies the call (and records it) and answers. */
  delayMs?: number;
  /** Slack holds the call until this settles, then applies (and records) it and answers. */
  until?: Promise<unknown>;
}

export interface FakeSlack {
  /** The Web API base URL for SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  /** A response_url that records what is posted to it. */
  responseUrl(id: string): string;
  calls: ApiCall[];
  responses: ResponseUrlPost[];
  /** The bot's messages by ts (deleted ones removed). */
  messages: Map<string, PostedMessage>;
  /** The next calls of `method` get these replies, in order; later calls succeed again. */
  script(method: string, ...replies: ScriptedReply[]): void;
  /** Resolves with the first call (already made or future) that matches. */
  waitForCall(description: string, match: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  waitForResponse(
    description: string,
    match: (post: ResponseUrlPost) => boolean,
    timeoutMs?: number,
  ): Promise<ResponseUrlPost>;
  socket: FakeSocketMode;
  close(): Promise<void>;
}

/** Hooks for the kill -9 probe: see each Web API call before Slack applies it, and after it answered. */
export interface FakeSlackHooks {
  /** 'drop' closes the connection without applying or answering the call (Slack never got it). */
  beforeApply?(method: string, args: Record<string, unknown>): 'apply' | 'drop';
  /** Called once the answer is on the wire. */
  afterAnswer?(method: string, args: Record<string, unknown>, body: Record<string, unknown>): void;
}

export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'BBOT';
export const TEAM_ID = 'T0001';

export async function startFakeSlack(hooks: FakeSlackHooks = {}): Promise<FakeSlack> {
  const calls = createWaitList<ApiCall>();
  const responses = createWaitList<ResponseUrlPost>();
  const scripts = new Map<string, ScriptedReply[]>();
  const messages = new Map<string, PostedMessage>();
  let messageCount = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  const socket = createFakeSocketMode(server);
  // Like Slack's edge (and most load balancers), keep idle connections well beyond Node's 5 s default.
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path.startsWith('/response/')) {
      const at = performance.now();
      responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw || '{}'), at });
      return json(res, 200, { ok: true });
    }
    if (!path.startsWith('/api/')) return json(res, 404, { ok: false, error: 'unknown_path' });
    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type']);
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (hooks.beforeApply?.(method, args) === 'drop') {
      req.socket.destroy();
      return;
    }
    const scripted = scripts.get(method)?.shift();
    if (scripted?.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (scripted?.until) await scripted.until;
    calls.push({ method, args, token, at: performance.now() });
    const status = scripted?.status ?? 200;
    const body = scripted?.body ?? success(method, args);
    if (status === 200 && body.ok === true) apply(method, args, body);
    res.writeHead(status, { 'content-type': 'application/json', ...scripted?.headers });
    res.end(JSON.stringify(body));
    hooks.afterAnswer?.(method, args, body);
  }

  /** Keeps the bot's messages as Slack would show them. */
  function apply(method: string, args: Record<string, unknown>, body: Record<string, unknown>): void {
    const content = { text: String(args.text ?? ''), blocks: (args.blocks as unknown[] | undefined) ?? [] };
    if (method === 'chat.postMessage') {
      const ts = String(body.ts);
      const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
      const metadata = isRecord(args.metadata) ? args.metadata : undefined;
      messages.set(ts, {
        channel: String(args.channel),
        ts,
        threadTs,
        ...content,
        metadata,
        versions: [content],
      });
    } else if (method === 'chat.update') {
      const message = messages.get(String(args.ts));
      if (message) Object.assign(message, content, { versions: [...message.versions, content] });
    } else if (method === 'chat.delete') {
      messages.delete(String(args.ts));
    }
  }

  function success(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'briefbot',
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        };
      case 'conversations.info':
        // The bot is in every channel unless a test scripts otherwise.
        return { ok: true, channel: { id: args.channel, is_member: true } };
      case 'apps.connections.open':
        return { ok: true, url: `${origin.replace('http', 'ws')}/socket` };
      case 'chat.postMessage': {
        const refused = blocksProblem(args.blocks);
        if (refused) return { ok: false, error: refused };
        messageCount += 1;
        const ts = `1800000000.${String(messageCount).padStart(6, '0')}`;
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: { ...args, ts, bot_id: BOT_ID, user: BOT_USER_ID },
        };
      }
      case 'chat.update':
      case 'chat.delete': {
        const refused = method === 'chat.update' ? blocksProblem(args.blocks) : null;
        if (refused) return { ok: false, error: refused };
        return messages.has(String(args.ts))
          ? { ok: true, channel: args.channel, ts: args.ts }
          : { ok: false, error: 'message_not_found' };
      }
      case 'conversations.history':
        return history(args);
      case 'conversations.replies':
        return replies(args);
      default:
        return { ok: true };
    }
  }

  /** The channel's top-level messages after `oldest`, newest first, paged by `limit` and `cursor`. */
  function history(args: Record<string, unknown>): Record<string, unknown> {
    const oldest = Number(args.oldest ?? 0);
    const limit = Number(args.limit ?? 100);
    const offset = Number(args.cursor ?? 0);
    const all = [...messages.values()]
      .filter((m) => m.channel === args.channel && m.threadTs === undefined && Number(m.ts) > oldest)
      .sort((a, b) => Number(b.ts) - Number(a.ts));
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const page = all.slice(offset, offset + limit).map((m) => ({
      type: 'message',
      ts: m.ts,
      text: m.text,
      bot_id: BOT_ID,
      user: BOT_USER_ID,
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    }));
    const more = offset + limit < all.length;
    return {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? String(offset + limit) : '' },
    };
  }

  /**
   * The thread of `ts`: its parent first, then its replies oldest first (Slack's order), those after
   * `oldest` when given (the parent is always included), paged by `limit` and `cursor`.
   */
  function replies(args: Record<string, unknown>): Record<string, unknown> {
    const parent = messages.get(String(args.ts));
    if (!parent || parent.channel !== args.channel) return { ok: false, error: 'thread_not_found' };
    const oldest = Number(args.oldest ?? 0);
    const limit = Number(args.limit ?? 1000);
    const offset = Number(args.cursor ?? 0);
    const thread = [...messages.values()]
      .filter((m) => m.channel === args.channel && m.threadTs === parent.ts && Number(m.ts) > oldest)
      .sort((a, b) => Number(a.ts) - Number(b.ts));
    const all = [parent, ...thread];
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const page = all.slice(offset, offset + limit).map((m) => ({
      type: 'message',
      ts: m.ts,
      ...(m.threadTs ? { thread_ts: m.threadTs } : { thread_ts: m.ts }),
      text: m.text,
      bot_id: BOT_ID,
      user: BOT_USER_ID,
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    }));
    const more = offset + limit < all.length;
    return {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? String(offset + limit) : '' },
    };
  }

  return {
    apiUrl: `${origin}/api/`,
    responseUrl: (id) => `${origin}/response/${id}`,
    calls: calls.items,
    responses: responses.items,
    messages,
    script(method, ...replies) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...replies]);
    },
    waitForCall: (description, match, timeoutMs) => calls.waitFor(description, match, timeoutMs),
    waitForResponse: (description, match, timeoutMs) => responses.waitFor(description, match, timeoutMs),
    socket,
    async close() {
      await socket.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient form-encodes objects and arrays as JSON strings.
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Slack's refusals of a message's blocks: more than 50, a section over 3,000 characters
 * (`invalid_blocks`), or more than about 12,000 characters of text in all (`msg_blocks_too_long`).
 */
function blocksProblem(blocks: unknown): string | null {
  const list = typeof blocks === 'string' ? (JSON.parse(blocks) as unknown) : blocks;
  if (!Array.isArray(list)) return null;
  if (list.length > 50) return 'invalid_blocks';
  let total = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') total += inner.length;
        else walk(inner);
      }
    }
  };
  for (const block of list) {
    const text = (block as { type?: string; text?: { text?: unknown } }).text?.text;
    if ((block as { type?: string }).type === 'section' && typeof text === 'string' && text.length > 3000)
      return 'invalid_blocks';
    walk(block);
  }
  return total > 12_000 ? 'msg_blocks_too_long' : null;
}
