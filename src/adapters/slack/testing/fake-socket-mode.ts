/**
 * @module adapters/slack/testing/fake-socket-mode
 * Slack's side of a Socket Mode connection: says `hello`, sends envelopes (`events_api`,
 * `slash_commands`, `interactive`) and hands back the client's acknowledgement for each.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface FakeSocketMode {
  /** Resolves once a client is connected and has been sent `hello`. */
  connected(): Promise<void>;
  /** Sends an envelope and resolves with the payload of the client's ack. */
  send(
    type: EnvelopeType,
    payload: unknown,
    options?: { retryAttempt?: number },
  ): Promise<Record<string, unknown>>;
  /** Resolves when the client has closed its connection. */
  closed(): Promise<void>;
  close(): Promise<void>;
}

export function createFakeSocketMode(server: Server): FakeSocketMode {
  const wss = new WebSocketServer({ noServer: true });
  const pendingAcks = new Map<string, (payload: Record<string, unknown>) => void>();
  let client: WebSocket | undefined;
  let onConnect: (() => void) | undefined;
  const connection = new Promise<void>((resolve) => {
    onConnect = resolve;
  });

  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      client = ws;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as {
          envelope_id?: string;
          payload?: Record<string, unknown>;
        };
        const resolve = message.envelope_id ? pendingAcks.get(message.envelope_id) : undefined;
        if (message.envelope_id) pendingAcks.delete(message.envelope_id);
        resolve?.(message.payload ?? {});
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' } }));
      onConnect?.();
    });
  });

  return {
    connected: () => connection,
    async send(type, payload, options = {}) {
      await connection;
      const envelopeId = randomUUID();
      const acked = new Promise<Record<string, unknown>>((resolve) => pendingAcks.set(envelopeId, resolve));
      client?.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          ...(type === 'events_api'
            ? {
                retry_attempt: options.retryAttempt ?? 0,
                retry_reason: options.retryAttempt ? 'timeout' : '',
              }
            : {}),
        }),
      );
      return acked;
    },
    async closed() {
      if (!client || client.readyState === client.CLOSED) return;
      await once(client, 'close');
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
