import type { Job, Repository } from '../../../src/em/estate-types.js';
import type { ProtectionEvents } from '../../../src/watcher/protection-assess.js';
import { assessGone } from '../../../src/watcher/protection-assess-gone.js';
import { openEpisode } from '../../../src/watcher/protection-episodes.js';
import { emptyProtectionMemory, type ProtectionMemory } from '../../../src/watcher/protection-state.js';

const REPO = 'urn:veeam:Repository:1a2b';
const events = (): ProtectionEvents => ({ opened: [], recovered: [], changed: [], renamed: new Map() });
const job = (uid: string) => ({ uid }) as Job;
const repository = (uid: string) => ({ uid }) as Repository;
const ALL = { jobs: true, repositories: true };
/** A check that lists only some other job and repository. */
const othersOnly = (listedAll: { jobs: boolean; repositories: boolean }) => ({
  jobs: [job('urn:veeam:Job:other')],
  listedAll,
  repositories: [repository('urn:veeam:Repository:other')],
});

function memoryWithEpisodes(): ProtectionMemory {
  const memory = emptyProtectionMemory();
  memory.repos[REPO] = { name: 'Repo Full', level: 'critical', freePercent: 2 };
  openEpisode(memory, {
    key: `repository:${REPO}:critical`,
    kind: 'repository',
    name: 'Repo Full',
    startedAt: 1,
  });
  openEpisode(memory, {
    key: 'missed:urn:veeam:Job:9',
    kind: 'missed',
    name: 'Nightly',
    jobUid: 'urn:veeam:Job:9',
    startedAt: 1,
  });
  return memory;
}

describe('assessGone', () => {
  it('closes the alerts of a job and a repository the check no longer lists, once', () => {
    const memory = memoryWithEpisodes();
    const first = events();
    assessGone(memory, othersOnly(ALL), 5, first);
    expect(first.recovered.map((r) => [r.episode.key, r.line])).toEqual([
      [
        `repository:${REPO}:critical`,
        'Repo Full is no longer listed by Enterprise Manager (the repository was removed)',
      ],
      ['missed:urn:veeam:Job:9', expect.stringContaining('Nightly is no longer watched')],
    ]);
    expect(memory.repos[REPO]).toBeUndefined();
    const again = events();
    assessGone(memory, othersOnly(ALL), 6, again);
    expect(again.recovered).toEqual([]);
  });

  it('keeps what is still listed open', () => {
    const memory = memoryWithEpisodes();
    const checked = events();
    assessGone(
      memory,
      { jobs: [job('urn:veeam:Job:9')], listedAll: ALL, repositories: [repository(REPO)] },
      5,
      checked,
    );
    expect(checked.recovered).toEqual([]);
  });

  it('closes nothing when neither listing can show absence (empty, or cut at its limit)', () => {
    const memory = memoryWithEpisodes();
    const checked = events();
    const cannotTell = { jobs: false, repositories: false };
    assessGone(memory, { jobs: [], listedAll: cannotTell, repositories: [] }, 5, checked);
    assessGone(memory, othersOnly(cannotTell), 6, checked);
    expect(checked.recovered).toEqual([]);
    expect(Object.values(memory.episodes).every((e) => e.recoveredAt === undefined)).toBe(true);
  });

  it('judges each listing on its own: a full job listing closes, a cut repository listing does not', () => {
    const memory = memoryWithEpisodes();
    const checked = events();
    assessGone(
      memory,
      {
        jobs: [],
        listedAll: { jobs: true, repositories: false },
        repositories: [repository('urn:veeam:Repository:other')],
      },
      5,
      checked,
    );
    expect(checked.recovered.map((r) => r.episode.key)).toEqual(['missed:urn:veeam:Job:9']);
    expect(memory.repos[REPO]).toBeDefined();
  });

  it("closes a job's alert when EM lists jobs but the filter watches none of them", () => {
    const memory = memoryWithEpisodes();
    const checked = events();
    assessGone(memory, { jobs: [], listedAll: ALL, repositories: [repository(REPO)] }, 5, checked);
    expect(checked.recovered.map((r) => r.episode.key)).toEqual(['missed:urn:veeam:Job:9']);
  });
});
