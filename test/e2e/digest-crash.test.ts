import { readFile } from 'node:fs/promises';
import { emptyState } from '../../src/watcher/state.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';
import { waitUntil } from '../helpers/wait.js';

const CHANNEL = 'CDIGEST';
const DAY = 24 * 3_600_000;

/** The digest is due as soon as the bot starts: it ran two days ago, and 00:00 UTC has passed today. */
describe('the daily digest through a SIGKILL between pending and sent', () => {
  let rig: CrashRig;
  beforeAll(async () => {
    rig = await startCrashRig({
      env: { DIGEST_TIME: '00:00', DIGEST_TZ: 'UTC', DIGEST_CHANNELS: CHANNEL },
      initialState: { ...emptyState(), firstStartedAt: Date.now() - 2 * DAY },
    });
  });
  afterAll(() => rig.stop());

  const today = () => new Date().toISOString().slice(0, 10);
  const digests = () =>
    rig.slack.messages.filter((m) => m.metadata?.event_payload['key'] === `digest:${today()}`);
  const status = async () => {
    const state = JSON.parse(await readFile(rig.dataFile, 'utf8').catch(() => '{}')) as {
      digests?: Record<string, { status: string }>;
    };
    return state.digests?.[`${CHANNEL}|${today()}`]?.status;
  };

  it('posted once: the restart finds the message in the channel history and records it sent', async () => {
    // The post reaches Slack and never answers: the bot is killed with the record pending.
    rig.slack.fail({ method: 'chat.postMessage', kind: 'postThenHang', count: 1, channel: CHANNEL });
    await rig.start();
    await rig.slack.waitFor(() => digests().length === 1, 30_000);
    await waitUntil(async () => (await status()) === 'pending', {
      timeoutMs: 15_000,
      what: 'a pending digest',
    });
    await rig.bot().kill();

    await rig.start();
    await waitUntil(async () => (await status()) === 'sent', { timeoutMs: 30_000, what: 'the digest sent' });
    expect(digests()).toHaveLength(1);
    expect(rig.slack.calls.some((c) => c.method === 'conversations.history')).toBe(true);
  });
});
