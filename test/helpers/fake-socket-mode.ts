import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A fake Slack Socket Mode endpoint: says hello, sends envelopes, and records the app's acks. */
export interface FakeSocketMode {
  url: string;
  /** Resolves once the app's client has connected and got its hello. */
  connected(): Promise<void>;
  /** Sends one envelope and resolves with the app's ack and how long it took. */
  send(
    type: 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
  ): Promise<{ ack: Record<string, unknown>; ms: number }>;
  stop(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const acks = new Map<string, (ack: Record<string, unknown>) => void>();
  let socket: WebSocket | undefined;
  let resolveConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (resolveConnected = resolve));
  let counter = 0;
  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as Record<string, unknown>;
      acks.get(String(ack['envelope_id']))?.(ack);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake' },
        connection_info: { app_id: 'A1' },
      }),
    );
    resolveConnected();
  });
  return {
    url: `ws://127.0.0.1:${port}/link`,
    connected: () => connected,
    send(type, payload) {
      const envelopeId = `env-${++counter}`;
      const started = Date.now();
      return new Promise((resolve) => {
        acks.set(envelopeId, (ack) => resolve({ ack, ms: Date.now() - started }));
        socket?.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type === 'slash_commands',
          }),
        );
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
