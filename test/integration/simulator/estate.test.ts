import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiGet, control, logon, startTestSim } from './sim-helpers.js';

let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startTestSim({ history: 600 });
  token = await logon(sim);
});
afterAll(() => sim.stop());

async function ok(path: string): Promise<string> {
  const res = await apiGet(sim, path, token);
  expect(res.status).toBe(200);
  return res.text;
}

async function json(path: string): Promise<Record<string, unknown>> {
  const res = await apiGet(sim, path, token, { Accept: 'application/json' });
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as Record<string, unknown>;
}

const hrefs = (xml: string, type: string): string[] =>
  [...xml.matchAll(new RegExp(`Type="${type}" Href="[^"]*/api/([^"]+)"`, 'g'))].map((m) => m[1] ?? '');

describe('estate resources', () => {
  it('repositories: Capacity, FreeSpace, Kind and an Up link to the backup server; one near full', async () => {
    const list = await ok('repositories');
    const paths = hrefs(list, 'RepositoryReference');
    expect(paths.length).toBe(4);
    const entities = await json('repositories?format=Entity');
    const repos = entities.Repositories as {
      Name: string;
      Capacity: number;
      FreeSpace: number;
      Kind: string;
    }[];
    expect(repos.map((r) => r.Kind)).toContain('WindowsLocal');
    expect(repos.some((r) => r.FreeSpace / r.Capacity < 0.05)).toBe(true);
    const one = await ok(`${paths[0]}?format=Entity`);
    expect(one).toMatch(/<Repository [^>]*Type="Repository"/);
    expect(one).toMatch(/<Link Rel="Up" Type="BackupServerReference"/);
    expect(one).toMatch(/<Capacity>\d+<\/Capacity><FreeSpace>\d+<\/FreeSpace><Kind>\w+<\/Kind>/);
  });

  it('free space shrinks as backups land', async () => {
    type Repo = { Name: string; FreeSpace: number };
    const free = async (): Promise<number> =>
      ((await json('repositories?format=Entity')).Repositories as Repo[]).find(
        (r) => r.Name === 'Default Backup Repository',
      )?.FreeSpace ?? NaN;
    const before = await free();
    await control(sim, 'POST', 'sessions', {
      type: 'BackupJobSession',
      jobName: 'Land Job',
      state: 'Stopped',
      result: 'Success',
      tasks: [{ vmName: 'apache02', totalSize: 100 * 1024 ** 3 }],
    });
    expect(await free()).toBeLessThan(before);
  });

  it('a successful backup run leaves a restore point with VM restore points; a failed one none', async () => {
    const ok1 = await control(sim, 'POST', 'sessions', {
      type: 'BackupJobSession',
      jobName: 'Points Job',
      state: 'Stopped',
      result: 'Success',
      tasks: [{ vmName: 'apache02', result: 'Success' }],
    });
    const failed = await control(sim, 'POST', 'sessions', {
      type: 'BackupJobSession',
      jobName: 'Points Job',
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'apache02', result: 'Failed' }],
    });
    const good = await ok(`backupSessions/${String(ok1.json.id)}?format=Entity`);
    const [rp = ''] = hrefs(good, 'RestorePointReference');
    expect(await ok(`backupSessions/${String(failed.json.id)}?format=Entity`)).not.toContain(
      'RestorePointReference',
    );
    const point = await ok(`${rp}?format=Entity`);
    expect(point).toMatch(/<CreationTimeUTC>[^<]+Z<\/CreationTimeUTC><Type>(Full|Increment)<\/Type>/);
    const [vmList = ''] = hrefs(point, 'VmRestorePointReferenceList');
    const vmPoints = await json(`${vmList}?format=Entity`);
    const [vm] = vmPoints.VmRestorePoints as Record<string, unknown>[];
    expect(vm).toMatchObject({ VmName: 'apache02', Type: 'VmRestorePoint' });
    expect(String(vm?.HierarchyObjRef)).toMatch(/^urn:VMware:Vm:/);
    const tasks = await ok(`backupSessions/${String(ok1.json.id)}/taskSessions?format=Entity`);
    const [related = ''] = [
      ...tasks.matchAll(/Rel="Related" Type="VmRestorePoint" Href="[^"]*\/api\/([^"]+)"/g),
    ].map((m) => m[1] ?? '');
    expect(await ok(related.replace(/&amp;/g, '&'))).toContain('<VmName>apache02</VmName>');
  });

  it('backups and replicas per job, with their point lists', async () => {
    const backups = await ok('backups?format=Entity');
    expect(backups).toMatch(/<Backup Type="Backup"/);
    const [backup = ''] = hrefs(await ok('backups'), 'BackupReference');
    expect(await ok(`${backup}/restorePoints`)).toContain('<EntityReferences');
    const [replica = ''] = hrefs(await ok('replicas'), 'ReplicaReference');
    expect(await ok(`${replica}/vmReplicaPoints?format=Entity`)).toMatch(
      /<VmReplicaPoint Type="VmReplicaPoint"/,
    );
  });

  it('summary reports are computed from the simulator data', async () => {
    const summary = await ok('reports/summary');
    expect(hrefs(summary, 'OverviewReportFrame')).toEqual(['reports/summary/overview']);
    const overview = await json('reports/summary/overview');
    expect(overview).toMatchObject({ BackupServers: 3, RepositoryServers: 4 });
    const stats = await json('reports/summary/job_statistics');
    expect(Number(stats.TotalJobRuns)).toBe(
      Number(stats.SuccessfulJobRuns) + Number(stats.WarningsJobRuns) + Number(stats.FailedJobRuns),
    );
    const repo = await ok('reports/summary/repository');
    expect(repo).toContain('<Name>Repo 1</Name>');
  });

  it('lookup resolves a VM name to its hierarchy reference, and nothing else', async () => {
    expect(await ok('lookupSvc')).toContain('Type="HierarchyItemList"');
    expect(await ok('lookup?type=Vm&name=apache02')).toMatch(/<ObjectRef>urn:VMware:Vm:[^<]+<\/ObjectRef>/);
    expect(await ok('lookup?type=Vm&name=nope')).toMatch(/<HierarchyItems xmlns="[^"]+" \/>/);
  });
});
