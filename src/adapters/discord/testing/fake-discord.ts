/**
 * @module adapters/discord/testing/fake-discord
 * A local Discord for tests: REST under /api/v10 and the gateway on one 127.0.0.1 port. Records
 * every request, refuses over-limit messages as Discord does, notes any message that could ping, and
 * can be slow on purpose (a request is applied and recorded only after its delay).
 */
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type GuildSpec,
  type MessageSpec,
  makeGuildSpec,
  makeMessage,
  makeUser,
  snowflake,
  type WireUser,
} from './discord-payloads.js';
import { FakeGateway } from './fake-gateway.js';
import {
  type FakeState,
  type InteractionRecord,
  type Reply,
  ROUTES,
  storeMessage,
} from './fake-rest-routes.js';
import { formBodyProblems, mentionProblems, type WireMessageBody } from './wire-checks.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  authorization: string | undefined;
  status: number;
  /** performance.now() when the request was applied (after any delay). */
  at: number;
}

export interface FakeDiscordOptions {
  guilds?: GuildSpec[];
  token?: string;
}

export class FakeDiscord extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  /** Message bodies that could have pinged someone (should stay empty). */
  readonly mentionViolations: { path: string; problems: string[] }[] = [];
  readonly state: FakeState;
  readonly gateway: FakeGateway;
  private readonly server: Server;
  private readonly overrides: { method: string; path: RegExp; reply: Reply; times: number }[] = [];
  private readonly delays: { method: string; path: RegExp; ms: number; times: number }[] = [];

  constructor(options: FakeDiscordOptions = {}) {
    super();
    const bot = makeUser({ username: 'Briefbot', bot: true });
    this.state = {
      token: options.token ?? 'test-bot-token',
      applicationId: snowflake(),
      bot,
      gatewayUrl: () => this.gatewayUrl,
      guilds: options.guilds ?? [makeGuildSpec()],
      dmChannels: new Map(),
      messages: new Map(),
      interactions: new Map(),
      commands: new Map(),
      nonces: new Map(),
    };
    this.gateway = new FakeGateway({
      token: this.state.token,
      bot,
      applicationId: this.state.applicationId,
      guilds: () => this.state.guilds,
      url: () => this.gatewayUrl,
    });
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      this.gateway.wss.handleUpgrade(req, socket, head, (ws) => this.gateway.wss.emit('connection', ws, req));
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }
  get bot(): WireUser {
    return this.state.bot;
  }

  /** The next `times` requests matching method and path (after /api/v10) get `reply` instead. */
  override(method: string, path: RegExp, reply: Reply, times = 1): void {
    this.overrides.push({ method, path, reply, times });
  }

  /** The next `times` requests matching method and path wait `ms` before they are applied and answered. */
  delay(method: string, path: RegExp, ms: number, times = 1): void {
    this.delays.push({ method, path, ms, times });
  }

  /** A user's message arrives through the gateway (stored, so the bot can fetch it). */
  sendMessage(spec: MessageSpec): Record<string, unknown> {
    const channel = this.state.guilds
      .flatMap((g) => [...g.channels, ...g.threads])
      .find((c) => c.id === spec.channelId);
    const message = makeMessage({ ...(channel ? { channelType: channel.type } : {}), ...spec });
    storeMessage(this.state, message);
    this.gateway.dispatch('MESSAGE_CREATE', message, spec.guildId ?? null);
    return message;
  }

  /** An interaction arrives through the gateway; its token is then valid for callbacks and webhooks. */
  sendInteraction<
    T extends { id: string; token: string; channel_id: string; guild_id?: string | null | undefined },
  >(payload: T): InteractionRecord {
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      channelId: payload.channel_id,
      guildId: payload.guild_id ?? null,
      callbacks: [],
      original: null,
      followUps: [],
    };
    this.state.interactions.set(payload.token, record);
    this.gateway.dispatch('INTERACTION_CREATE', payload, payload.guild_id ?? null);
    return record;
  }

  async waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 8_000): Promise<RecordedRequest> {
    const signal = AbortSignal.timeout(timeoutMs);
    for (;;) {
      const found = this.requests.find(match);
      if (found) return found;
      await once(this, 'request', { signal }).catch(() => {
        throw new Error(`no matching request within ${timeoutMs} ms; saw:\n${this.describeRequests()}`);
      });
    }
  }

  /** The bot's messages posted in a channel (not interaction replies), oldest first. */
  channelPosts(channelId: string): Record<string, unknown>[] {
    return [...(this.state.messages.get(channelId)?.values() ?? [])].filter(
      (m) => (m.author as WireUser).id === this.bot.id && !m.interaction_metadata,
    );
  }

  describeRequests(): string {
    return this.requests.map((r) => `${r.status} ${r.method} ${r.path}`).join('\n');
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const delay = this.delays.find((d) => d.times > 0 && d.method === req.method && d.path.test(path));
    if (delay) {
      delay.times -= 1;
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    const reply = this.route(req.method ?? 'GET', path, body, req.headers.authorization, url.searchParams);
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body,
      authorization: req.headers.authorization,
      status: reply.status,
      at: performance.now(),
    });
    res.writeHead(reply.status, {
      ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    this.emit('request');
  }

  private route(
    method: string,
    path: string,
    body: Record<string, unknown>,
    authorization: string | undefined,
    query: URLSearchParams,
  ): Reply {
    const override = this.overrides.find((o) => o.times > 0 && o.method === method && o.path.test(path));
    if (override) {
      override.times -= 1;
      return override.reply;
    }
    for (const route of ROUTES) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (!match) continue;
      if (route.auth && authorization !== `Bot ${this.state.token}`)
        return { status: 401, body: { code: 0, message: '401: Unauthorized' } };
      if (route.message?.(body)) {
        const message = (body.data ?? body) as WireMessageBody;
        const mentions = mentionProblems(message);
        if (mentions.length > 0) this.mentionViolations.push({ path, problems: mentions });
        const problems = formBodyProblems(message);
        if (problems.length > 0)
          return { status: 400, body: { code: 50035, message: `Invalid Form Body: ${problems.join('; ')}` } };
      }
      return route.handle([...match], body, this.state, query);
    }
    return { status: 404, body: { code: 0, message: '404: Not Found' } };
  }
}
