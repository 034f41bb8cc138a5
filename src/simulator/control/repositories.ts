import type { Repository } from '../model/entities.js';
import { guidFromRng } from '../util/guid.js';
import { createRng, hash3 } from '../util/prng.js';
import type { World } from '../world.js';
import * as p from './parse-spec.js';
import { ControlError } from './session-spec.js';

const GiB = 1024 ** 3;
/** Largest accepted size: 1 EiB in GiB. */
const MAX_GB = 1024 ** 3;

/** What POST /_sim/repositories answers. */
export interface RepositoryUpserted {
  uid: string;
  id: string;
  href: string;
  created: boolean;
}

/**
 * POST /_sim/repositories `{name, capacityGb, freeGb}`: creates the repository (on the first backup
 * server, default capacity 10240 GiB, free = capacity) or, for an existing name, updates what is given.
 * Free space is set as of now; backups landing later still shrink it.
 */
export function upsertRepository(world: World, body: unknown, base: string): RepositoryUpserted {
  const b = p.objectBody(body);
  const unknown = Object.keys(b).find((k) => !['name', 'capacityGb', 'freeGb'].includes(k));
  if (unknown !== undefined) throw new ControlError(`${unknown} is not a repository field`);
  const name = p.stringValue(b.name, 'name');
  if (name === undefined || name.trim() === '') throw new ControlError('name is required');
  const capacityGb = p.numberValue(b.capacityGb, 'capacityGb', 0, MAX_GB);
  const freeGb = p.numberValue(b.freeGb, 'freeGb', 0, MAX_GB);
  const inv = world.store.inventory;
  let repo: Repository | undefined = inv.repositoryNamed(name);
  const created = repo === undefined;
  const capacity = capacityGb !== undefined ? capacityGb * GiB : (repo?.capacity ?? 10240 * GiB);
  const free = freeGb !== undefined ? freeGb * GiB : repo ? inv.freeSpace(repo) : capacity;
  if (free > capacity) throw new ControlError('freeGb must not exceed capacityGb');
  if (!repo) {
    const rng = createRng(hash3(world.store.seed, 0x4e91, inv.repositories.length));
    repo = inv.addRepository({
      guid: guidFromRng(rng),
      name,
      serverIndex: 0,
      capacity,
      freeBase: 0,
      kind: 'WindowsLocal',
    });
  }
  repo.capacity = capacity;
  repo.freeBase = free + (inv.landed[repo.index] ?? 0);
  return {
    uid: `urn:veeam:Repository:${repo.guid}`,
    id: repo.guid,
    href: `${base}/repositories/${repo.guid}?format=Entity`,
    created,
  };
}
