import http from 'node:http';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { signatureHeaders } from '../../helpers/slack-requests.js';
import { waitUntil } from '../../helpers/wait.js';

const BURST = 30;

/** A signed `/veeam` command whose last body byte is held back until `finish()`, so it stays in flight. */
interface HeldCommand {
  finish(): void;
  /** The status, and how many EM requests were waiting at the gate when the status line arrived. */
  acked: Promise<{ status: number; heldAtAck: number }>;
}

function startCommand(
  eventsUrl: string,
  text: string,
  responseUrl: string,
  heldNow: () => number,
): HeldCommand {
  const body = new URLSearchParams({
    team_id: 'T1',
    channel_id: 'C1',
    user_id: 'U1',
    command: '/veeam',
    text,
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
  const request = http.request(eventsUrl, {
    method: 'POST',
    agent: false,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': Buffer.byteLength(body),
      ...signatureHeaders(body),
    },
  });
  const acked = new Promise<{ status: number; heldAtAck: number }>((resolve, reject) => {
    request.on('response', (response) => {
      // Read the count the moment the status line arrives, before anything else in this process runs.
      const heldAtAck = heldNow();
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, heldAtAck }));
    });
    request.on('error', reject);
  });
  request.write(body.slice(0, -1));
  return { finish: () => request.end(body.slice(-1)), acked };
}

describe('acks go out before any command work reaches EM', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness({}, 5000, { emGate: true });
    h.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Nightly Backup',
      state: 'Stopped',
      result: 'Failed',
    });
  });
  afterAll(() => h.stop());

  it('acks every command of a burst with 200 while EM holds its answers, before any work reaches EM', async () => {
    const gate = h.gate!;
    // One command first, so the EM client's logon is not part of the burst.
    const warm = startCommand(h.eventsUrl, 'status Nightly Backup', h.slack.responseUrl('warm'), gate.held);
    warm.finish();
    await warm.acked;
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === 'warm'));
    gate.close();
    const commands = Array.from({ length: BURST }, (_, i) =>
      startCommand(h.eventsUrl, 'status Nightly Backup', h.slack.responseUrl(`b${i}`), gate.held),
    );
    await waitUntil(() => h.app.requestsInFlight() === BURST, { what: 'the burst is read by the receiver' });
    // Complete them one at a time: each ack leaves while the others still wait, as in a burst over time.
    const acks = [];
    for (const command of commands) {
      command.finish();
      acks.push(await command.acked);
    }
    expect(acks.map((a) => a.status)).toEqual(Array.from({ length: BURST }, () => 200));
    expect(acks.map((a) => a.heldAtAck)).toEqual(Array.from({ length: BURST }, () => 0));
    // The work starts once the last ack is out: its EM requests arrive at the closed gate.
    await waitUntil(() => gate.held() > 0, { what: 'command work reached EM' });
    gate.open();
    await h.slack.waitFor(
      () => h.slack.responses.filter((r) => r.id.startsWith('b')).length === BURST,
      20_000,
    );
  });
});
