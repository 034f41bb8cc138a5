import { incidentsOf } from '../../../src/digest/prepare-digest.js';
import type { IncidentRecord } from '../../../src/watcher/state.js';

const incident = (overrides: Partial<IncidentRecord>): IncidentRecord =>
  ({
    jobName: 'Files',
    lastResult: 'Failed',
    failures: 1,
    channel: 'C1',
    ts: '1.1',
    ...overrides,
  }) as IncidentRecord;

describe('incidentsOf', () => {
  it('reads the claim the Claim button records ({ by, name, at }) as the name shown', () => {
    const open = incidentsOf({
      incidents: {
        a: incident({ jobName: 'A', failures: 1, claim: { by: 'U42', name: 'Ana', at: 1 } }),
        b: incident({ jobName: 'B', failures: 5 }),
        c: incident({ jobName: 'C', recoveredAt: 2 }),
      },
    });
    expect(open.map((i) => [i.jobName, i.claimedBy])).toEqual([
      ['B', undefined],
      ['A', 'Ana'],
    ]);
  });
});
