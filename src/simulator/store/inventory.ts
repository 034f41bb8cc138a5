import type { BackupServer, Owner, Repository, Vm } from '../model/entities.js';

/** Servers, VMs and session owners, with the lookups routes and the query planner need. */
export class Inventory {
  readonly servers: BackupServer[] = [];
  readonly vms: Vm[] = [];
  readonly owners: Owner[] = [];
  readonly repositories: Repository[] = [];
  /** Bytes written to each repository since the world was built (free space shrinks by it). */
  readonly landed: number[] = [];
  private readonly ownerByName = new Map<string, Owner>();
  private readonly byGuid = new Map<string, BackupServer | Owner>();
  private readonly vmByName = new Map<string, Vm>();
  private readonly ownersOfVm = new Map<number, number[]>();

  addServer(server: Omit<BackupServer, 'index'>): BackupServer {
    const full = { ...server, index: this.servers.length };
    this.servers.push(full);
    this.byGuid.set(full.guid, full);
    return full;
  }

  addRepository(repo: Omit<Repository, 'index'>): Repository {
    const full = { ...repo, index: this.repositories.length };
    this.repositories.push(full);
    this.landed.push(0);
    return full;
  }

  repositoryNamed(name: string): Repository | undefined {
    const lower = name.toLowerCase();
    return this.repositories.find((r) => r.name.toLowerCase() === lower);
  }

  repositoryByGuid(guid: string): Repository | undefined {
    const lower = guid.toLowerCase();
    return this.repositories.find((r) => r.guid === lower);
  }

  /** Free bytes of a repository now. */
  freeSpace(repo: Repository): number {
    return Math.max(0, repo.freeBase - (this.landed[repo.index] ?? 0));
  }

  /** A backup of `bytes` landed on the owner's repository. */
  land(owner: Owner, bytes: number): void {
    if (owner.repositoryIndex >= 0)
      this.landed[owner.repositoryIndex] = (this.landed[owner.repositoryIndex] ?? 0) + bytes;
  }

  addVm(vm: Omit<Vm, 'index'>): Vm {
    const full = { ...vm, index: this.vms.length };
    this.vms.push(full);
    this.vmByName.set(full.name.toLowerCase(), full);
    return full;
  }

  addOwner(owner: Omit<Owner, 'index'>): Owner {
    const full = { ...owner, index: this.owners.length };
    this.owners.push(full);
    this.ownerByName.set(`${full.type}:${full.name.toLowerCase()}`, full);
    this.byGuid.set(full.guid, full);
    for (const vm of full.vms) {
      const list = this.ownersOfVm.get(vm) ?? [];
      list.push(full.index);
      this.ownersOfVm.set(vm, list);
    }
    return full;
  }

  /** The owner of a type by name, case-insensitively (docs/em-protocol.md, "Names match case-insensitively"). */
  ownerNamed(type: Owner['type'], name: string): Owner | undefined {
    return this.ownerByName.get(`${type}:${name.toLowerCase()}`);
  }

  /** Owners with the given name whatever their type. */
  ownersNamed(name: string): Owner[] {
    const lower = name.toLowerCase();
    const out: Owner[] = [];
    for (const type of ['Job', 'CdpPolicy', 'CloudFailoverPlan'] as const) {
      const o = this.ownerByName.get(`${type}:${lower}`);
      if (o) out.push(o);
    }
    return out;
  }

  ownerByGuid(guid: string): Owner | undefined {
    const found = this.byGuid.get(guid.toLowerCase());
    return found && 'type' in found ? found : undefined;
  }

  serverByGuid(guid: string): BackupServer | undefined {
    const found = this.byGuid.get(guid.toLowerCase());
    return found && !('type' in found) ? found : undefined;
  }

  vmNamed(name: string): Vm | undefined {
    return this.vmByName.get(name.toLowerCase());
  }

  /** Indexes of the owners whose sessions process this VM. */
  ownersWithVm(vmIndex: number): number[] {
    return this.ownersOfVm.get(vmIndex) ?? [];
  }

  /** Registers a VM added to an existing owner (control API). */
  attachVm(owner: Owner, vmIndex: number): void {
    if (owner.vms.includes(vmIndex)) return;
    owner.vms.push(vmIndex);
    const list = this.ownersOfVm.get(vmIndex) ?? [];
    list.push(owner.index);
    this.ownersOfVm.set(vmIndex, list);
  }
}
