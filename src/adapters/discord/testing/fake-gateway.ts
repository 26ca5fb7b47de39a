/**
 * @module adapters/discord/testing/fake-gateway
 * A Discord gateway on a local WebSocket with the real op codes: HELLO, IDENTIFY → READY +
 * GUILD_CREATE, heartbeat ACK, RESUME → replay + RESUMED (or INVALID_SESSION), dispatches per shard.
 */
import { EventEmitter, once } from 'node:events';
import { type WebSocket, WebSocketServer } from 'ws';
import { type GuildSpec, guildCreatePayload, shardOf, snowflake, type WireUser } from './discord-payloads.js';

const MESSAGE_CONTENT = 1 << 15;
const OP = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  resume: 6,
  invalidSession: 9,
  hello: 10,
  heartbeatAck: 11,
} as const;

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  sent: { s: number; t: string; d: unknown }[];
  socket: WebSocket | null;
}

export interface GatewaySetup {
  token: string;
  bot: WireUser;
  applicationId: string;
  guilds: () => GuildSpec[];
  url: () => string;
}

export class FakeGateway extends EventEmitter {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly sessions: Session[] = [];
  readonly identifies: { shard: [number, number]; intents: number }[] = [];
  readonly resumes: { sessionId: string; seq: number; accepted: boolean }[] = [];
  /** Answer RESUME with INVALID_SESSION (d: false), forcing a fresh IDENTIFY. */
  rejectResumes = false;
  /** Whether the portal has the Message Content intent enabled; if not, asking for it closes with 4014. */
  messageContentEnabled = true;
  private nextSession = 1;
  /** Guilds are owned by someone else: an owner has every permission, which would hide missing ones. */
  private readonly ownerId = snowflake();

  constructor(private readonly setup: GatewaySetup) {
    super();
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  /**
   * Sends an event to the latest session of the shard that owns `guildId` (DMs go to shard 0). While
   * that session is disconnected the event is only kept, to be replayed on RESUME as Discord does.
   */
  dispatch(t: string, d: unknown, guildId: string | null): void {
    const owns = (s: Session) =>
      guildId === null ? s.shard[0] === 0 : shardOf(guildId, s.shard[1]) === s.shard[0];
    const session = this.sessions.findLast(owns);
    if (!session) throw new Error(`no gateway session for guild ${guildId}`);
    this.send(session, t, d);
  }

  /** Cuts every connection without a close frame (code 1006 on the client), as a network drop does. */
  dropConnections(): void {
    for (const s of this.sessions) s.socket?.terminate();
  }

  /** Closes every connection with a close frame, e.g. 4000 (unknown error) or 4009 (session timed out). */
  closeConnections(code: number): void {
    for (const { socket } of this.sessions) {
      if (socket && socket.readyState === socket.OPEN) socket.close(code, 'closed by test');
    }
  }

  /** Resolves when `count` IDENTIFYs (in total) have arrived. */
  async waitForIdentifies(count: number, timeoutMs = 10_000): Promise<void> {
    await this.waitUntil(() => this.identifies.length >= count, 'identify', timeoutMs);
  }

  async waitForResumes(count: number, timeoutMs = 10_000): Promise<void> {
    await this.waitUntil(() => this.resumes.length >= count, 'resume', timeoutMs);
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private async waitUntil(done: () => boolean, event: string, timeoutMs: number): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    while (!done()) await once(this, event, { signal });
  }

  private accept(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: OP.hello, d: { heartbeat_interval: 45_000 } }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | null };
      if (payload.op === OP.heartbeat) socket.send(JSON.stringify({ op: OP.heartbeatAck }));
      else if (payload.op === OP.identify) this.identify(socket, payload.d ?? {});
      else if (payload.op === OP.resume) this.resume(socket, payload.d ?? {});
    });
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): void {
    if (d.token !== this.setup.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    if (!this.messageContentEnabled && (Number(d.intents) & MESSAGE_CONTENT) !== 0) {
      socket.close(4014, 'Disallowed intent(s).');
      return;
    }
    const shard = (d.shard as [number, number] | undefined) ?? [0, 1];
    const session: Session = {
      id: `session-${this.nextSession++}`,
      shard,
      intents: Number(d.intents),
      seq: 0,
      sent: [],
      socket,
    };
    this.sessions.push(session);
    this.identifies.push({ shard, intents: session.intents });
    const guilds = this.setup.guilds().filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    this.send(session, 'READY', {
      v: 10,
      user: this.setup.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.setup.url(),
      shard,
      application: { id: this.setup.applicationId, flags: 0 },
    });
    for (const guild of guilds)
      this.send(session, 'GUILD_CREATE', guildCreatePayload(guild, this.setup.bot, this.ownerId));
    this.emit('identify');
  }

  private resume(socket: WebSocket, d: Record<string, unknown>): void {
    const session = this.sessions.find((s) => s.id === d.session_id);
    const accepted = Boolean(session) && !this.rejectResumes && d.token === this.setup.token;
    this.resumes.push({ sessionId: String(d.session_id), seq: Number(d.seq), accepted });
    if (!session || !accepted) {
      socket.send(JSON.stringify({ op: OP.invalidSession, d: false }));
    } else {
      session.socket = socket;
      for (const event of session.sent.filter((e) => e.s > Number(d.seq))) {
        socket.send(JSON.stringify({ op: OP.dispatch, ...event }));
      }
      this.send(session, 'RESUMED', {});
    }
    this.emit('resume');
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.sent.push(event);
    const socket = session.socket;
    if (socket && socket.readyState === socket.OPEN)
      socket.send(JSON.stringify({ op: OP.dispatch, ...event }));
  }
}
