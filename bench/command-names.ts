import type { Catalog } from '../src/commands/catalog.js';

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
