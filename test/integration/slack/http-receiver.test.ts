import net from 'node:net';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { sendSlashCommand, signatureHeaders } from '../../helpers/slack-requests.js';
import { waitUntil } from '../../helpers/wait.js';

const REQUEST_TIMEOUT_MS = 1000;
const MAX_CONNECTIONS = 24;

describe('Bolt’s HTTP receiver behind our limits', () => {
  let h: BotHarness;
  let n = 0;
  beforeAll(async () => {
    h = await startBotHarness({ requestTimeoutMs: REQUEST_TIMEOUT_MS, maxConnections: MAX_CONNECTIONS });
  });
  afterAll(() => h.stop());

  /** A signed `/veeam help` whose signature is made for `timestamp` (seconds); returns the status and its reply id. */
  async function helpAt(timestamp: number): Promise<{ status: number; id: string }> {
    const id = `w${++n}`;
    const body = new URLSearchParams({
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      command: '/veeam',
      text: 'help',
      api_app_id: 'A1',
      response_url: h.slack.responseUrl(id),
      trigger_id: '1.2.3',
    }).toString();
    const res = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...signatureHeaders(body, undefined, timestamp),
      },
      body,
    });
    await res.text();
    return { status: res.status, id };
  }

  it('refuses a signed request more than 5 minutes from now, future or past, and runs only the fresh one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused: string[] = [];
    for (const offset of [6 * 60, 3600, 365 * 24 * 3600, -6 * 60]) {
      const { status, id } = await helpAt(now + offset);
      expect({ offset, status }).toEqual({ offset, status: 401 });
      refused.push(id);
    }
    const fresh = await helpAt(Math.floor(Date.now() / 1000));
    expect(fresh.status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === fresh.id));
    expect(h.slack.responses.filter((r) => refused.includes(r.id))).toEqual([]);
  });

  it('cuts connections that send their body or headers slowly, and answers a real command once they are cut', async () => {
    const { port } = new URL(h.eventsUrl);
    const started = Date.now();
    const sockets = Array.from({ length: MAX_CONNECTIONS }, (_, i) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined); // a cut may surface as ECONNRESET: that is the point
      socket.resume(); // read the server's 408, so that its close reaches us
      const head = 'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n';
      socket.write(
        i % 2 === 0
          ? `${head}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4096\r\n\r\ntoken=`
          : `${head}Content-Type: application/x-`,
      );
      return socket;
    });
    const closed = () => sockets.filter((s) => s.closed).length;
    await waitUntil(() => closed() === sockets.length, {
      timeoutMs: 10_000,
      what: () => `${closed()} of ${sockets.length} slow connections cut`,
    });
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + 2000);

    const reply = await sendSlashCommand(h.eventsUrl, {
      text: 'help',
      responseUrl: h.slack.responseUrl('after'),
    });
    expect(reply.status).toBe(200);
    expect(reply.ms).toBeLessThan(3000);
  });

  it('refuses connections beyond the cap instead of holding them', async () => {
    const { port } = new URL(h.eventsUrl);
    const open = async () => {
      const socket = net.connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.resume();
      await new Promise((resolve) => socket.once('connect', resolve));
      return socket;
    };
    const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, open));
    const extra = await open();
    // The server drops a connection over the cap as soon as it accepts it, long before any timeout.
    const started = Date.now();
    await waitUntil(() => extra.closed, { timeoutMs: 5_000, what: 'the connection over the cap dropped' });
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS);
    held.forEach((s) => s.destroy());
  });
});
