import { parseSubscription } from '../../../src/commands/handlers/subscribe.js';
import { jobsNamed } from '../../../src/em/estate.js';
import { startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { ALERTS, MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const FAILED_MENTION = '<!subteam^SFAIL>';
const WARNING_MENTION = '<!subteam^SWARN>';
type Block = { block_id?: string; text?: { text: string } };
const header = (m: { blocks?: unknown[] }): string =>
  (m.blocks as Block[] | undefined)?.find((b) => b.block_id === 'protection_header')?.text?.text ?? '';
const blockText = (m: { blocks?: unknown[] }, id: string): string =>
  (m.blocks as Block[] | undefined)?.find((b) => b.block_id === id)?.text?.text ?? '';
/** The protection alerts of a channel, by their header, sorted (order of posting is not the subject). */
const headersIn = (x: ProtectionHarness, channel: string): string[] =>
  x
    .topLevel(channel)
    .map(header)
    .filter((t) => t !== '')
    .sort();

/** Subscribes `channel` with the real `/veeam subscribe` parser. */
function subscribe(x: ProtectionHarness, channel: string, text: string): void {
  const subs = x.watcher.state().subscriptions;
  subs.push(parseSubscription(text, channel, subs.length + 1));
}

async function createJob(x: ProtectionHarness, name: string, repository?: string): Promise<void> {
  const res = await x.control('POST', 'jobs', {
    name,
    vms: [`${name.toLowerCase().replace(/ /g, '-')}-vm`],
    everyMinutes: 60,
    lastRunMinutesAgo: 5,
    ...(repository ? { repository } : {}),
  });
  expect(res.status).toBe(201);
}

const stop = (x: ProtectionHarness, name: string) =>
  x.control('POST', `jobs/${encodeURIComponent(name)}`, { stopRunning: true });

describe('routing of protection alerts', () => {
  it('type:protection, type:repository, job:, server: and level: select protection alerts like session alerts; a mute silences its job', async () => {
    h = await start({
      config: { stormThreshold: 50, mentionFailed: FAILED_MENTION, mentionWarning: WARNING_MENTION },
    });
    await createJob(h, 'Prot Alpha');
    await createJob(h, 'Prot Beta', 'Linux Hardened Repository');
    await createJob(h, 'Prot Muted');
    await h.control('POST', 'repositories', { name: 'Prot Repo', capacityGb: 1000, freeGb: 500 });
    const [alpha] = await jobsNamed(h.client, 'Prot Alpha');
    const [beta] = await jobsNamed(h.client, 'Prot Beta');
    const alphaServer = alpha?.backupServerName ?? '';
    expect(alphaServer).not.toBe('');
    expect(beta?.backupServerName).not.toBe(alphaServer);

    subscribe(h, 'CPROT', 'type:protection');
    subscribe(h, 'CREPO', 'type:repository');
    subscribe(h, 'CREPOFAIL', 'type:repository level:failed');
    subscribe(h, 'CJOB', 'job:"Prot Al*"');
    subscribe(h, 'CSRV', `server:${alphaServer} type:protection`);
    subscribe(h, 'CBACKUP', 'type:backup');
    h.watcher.state().mutes.push({
      job: 'prot muted',
      until: h.clock.now() + 24 * 60 * MINUTE,
      by: 'U1',
      channel: 'CPROT',
    });
    expect((await h.check()).ok).toBe(true);

    for (const name of ['Prot Alpha', 'Prot Beta', 'Prot Muted']) await stop(h, name);
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 100 });
    // 100 minutes: each stopped job is past NextRun + 30 min grace and its VM past the learned 1h 30m RPO.
    expect((await h.check(100 * MINUTE)).ok).toBe(true);

    const alphaAlerts = ['⌛ RPO breached: Prot Alpha', '⏰ Missed run: Prot Alpha'];
    const betaAlerts = ['⌛ RPO breached: Prot Beta', '⏰ Missed run: Prot Beta'];
    const repoWarning = '💾 Repository warning: Prot Repo';
    expect(headersIn(h, ALERTS)).toEqual([...alphaAlerts, ...betaAlerts, repoWarning].sort());
    expect(headersIn(h, 'CPROT')).toEqual([...alphaAlerts, ...betaAlerts].sort());
    expect(headersIn(h, 'CREPO')).toEqual([repoWarning]);
    expect(headersIn(h, 'CREPOFAIL')).toEqual([]);
    expect(headersIn(h, 'CJOB')).toEqual(alphaAlerts.sort());
    expect(headersIn(h, 'CSRV')).toEqual(alphaAlerts.sort());
    expect(headersIn(h, 'CBACKUP')).toEqual([]);

    // The muted job: nothing in any channel, its alerts recorded as muted (not pending, so never posted later).
    expect(h.fake.messages.filter((m) => m.text.includes('Prot Muted'))).toHaveLength(0);
    const mutedPosts = Object.values(h.watcher.state().protection?.posts ?? {}).filter((p) =>
      h?.fake.messages.every((m) => m.metadata?.event_payload['key'] !== p.key),
    );
    expect(mutedPosts.length).toBeGreaterThanOrEqual(2);
    expect(mutedPosts.every((p) => p.status === 'muted')).toBe(true);
    await h.check(10 * MINUTE);
    expect(h.fake.messages.filter((m) => m.text.includes('Prot Muted'))).toHaveLength(0);

    // Falling to critical: the level:failed subscription now gets it.
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 20 });
    await h.check(MINUTE);
    expect(headersIn(h, 'CREPOFAIL')).toEqual(['💾 Repository critical: Prot Repo']);
    expect(headersIn(h, 'CPROT')).toEqual([...alphaAlerts, ...betaAlerts].sort());
  });

  it('puts ALERT_MENTION on missed-run, RPO and critical repository alerts, ALERT_MENTION_WARNING on warning ones', async () => {
    h = await start({
      config: { stormThreshold: 50, mentionFailed: FAILED_MENTION, mentionWarning: WARNING_MENTION },
    });
    await createJob(h, 'Prot Mention');
    await h.control('POST', 'repositories', { name: 'Prot Repo', capacityGb: 1000, freeGb: 500 });
    await h.check();
    await stop(h, 'Prot Mention');
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 100 });
    await h.check(100 * MINUTE);
    await h.control('POST', 'repositories', { name: 'Prot Repo', freeGb: 20 });
    await h.check(MINUTE);

    const byHeader = (prefix: string) => h?.topLevel().find((m) => header(m).startsWith(prefix));
    const expectations: [string, string, string, string][] = [
      ['⏰ Missed run: Prot Mention', 'protection_missed', FAILED_MENTION, WARNING_MENTION],
      ['⌛ RPO breached: Prot Mention', 'protection_rpo', FAILED_MENTION, WARNING_MENTION],
      ['💾 Repository critical: Prot Repo', 'protection_repository', FAILED_MENTION, WARNING_MENTION],
      ['💾 Repository warning: Prot Repo', 'protection_repository', WARNING_MENTION, FAILED_MENTION],
    ];
    for (const [prefix, blockId, wanted, other] of expectations) {
      const alert = byHeader(prefix);
      expect(alert).toBeDefined();
      expect(alert?.text.startsWith(`${wanted} `)).toBe(true);
      expect(blockText(alert ?? {}, blockId).startsWith(`${wanted} `)).toBe(true);
      expect(JSON.stringify(alert?.blocks)).not.toContain(other);
    }
  });

  it('carries no mention when none is configured', async () => {
    h = await start({ config: { mentionFailed: undefined, mentionWarning: undefined } });
    await createJob(h, 'Prot Quiet');
    await h.check();
    await stop(h, 'Prot Quiet');
    await h.check(100 * MINUTE);
    const alerts = h.topLevel().filter((m) => header(m).includes('Prot Quiet'));
    expect(alerts).toHaveLength(2);
    for (const alert of alerts) expect(alert.text).not.toMatch(/<!subteam\^/);
  });
});
