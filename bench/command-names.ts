import { createCatalog, type Catalog } from '../src/commands/catalog.js';
import type { CommandDeps } from '../src/commands/types.js';
import type { EmClient } from '../src/em/client.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { simEmClient } from './sim-process.js';

/** Job and VM names that exist in EM, read through the bot's own catalog (which also warms it). */
export async function pickCommandNames(
  catalog: Catalog,
  perKind: number,
): Promise<{ jobs: string[]; vms: string[] }> {
  const entries = await catalog.entries();
  const names = (kind: 'job' | 'vm') =>
    entries
      .filter((e) => e.kind === kind)
      .map((e) => e.name)
      .slice(0, perKind);
  const picked = { jobs: names('job'), vms: names('vm') };
  if (picked.jobs.length === 0 || picked.vms.length === 0)
    throw new Error('the catalog has no jobs or no VMs');
  return picked;
}

/** The commands' deps over a simulator as EM: its client (quiet, default retries) and a catalog on the real clock. */
export function simCommandDeps(
  sim: { url: string; user: string; password: string },
  timeoutMs: number,
): CommandDeps & { client: EmClient } {
  const client = simEmClient(sim, timeoutMs);
  return {
    client,
    catalog: createCatalog({ client, clock: systemClock }),
    clock: systemClock,
    logger: silentLogger,
  };
}
