import { rpoCommand } from '../../../src/commands/handlers/rpo.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { blockText, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const rpoAlerts = (x: ProtectionHarness) =>
  x.topLevel().filter((m) => blockText(m, 'protection_header') === '⌛ RPO breached: Prot Override');
const HOUR = 60 * MINUTE;

/** `/veeam rpo` as a user types it, on the running watcher's state. */
const rpo = (x: ProtectionHarness, text: string) =>
  rpoCommand(
    text,
    { userId: 'U1', channelId: 'C1' },
    { watcher: x.watcher, client: x.client, clock: x.clock, logger: silentLogger },
  );

describe('an RPO set with /veeam rpo', () => {
  it('beats RPO_DEFAULT and the learned RPO: the alert comes at the override and says so', async () => {
    // Hourly runs would teach 1h 30m; RPO_DEFAULT says 2 h; the override says 4 h.
    h = await start({ protection: { rpoDefaultMs: 2 * HOUR } });
    await h.control('POST', 'jobs', {
      name: 'Prot Override',
      vms: ['prot-o'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
    await h.check();
    await rpo(h, '"Prot Override" 4h');
    await h.control('POST', 'jobs/Prot%20Override', { stopRunning: true });
    await h.check(150 * MINUTE);
    expect(rpoAlerts(h)).toHaveLength(0);
    await h.check(100 * MINUTE);
    const alerts = rpoAlerts(h);
    expect(alerts).toHaveLength(1);
    expect(blockText(alerts[0] ?? {}, 'protection_rpo')).toMatch(/RPO 4h \(set with \/veeam rpo\)/);

    // Back to auto: RPO_DEFAULT applies again (the episode stays one).
    await rpo(h, 'Prot Override auto');
    await h.check(10 * MINUTE);
    expect(rpoAlerts(h)).toHaveLength(1);
  });
});
