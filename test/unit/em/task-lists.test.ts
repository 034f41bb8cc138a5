import fc from 'fast-check';
import { buildFilter, isSafeFilterText } from '../../../src/em/query.js';
import { parentChunks, parentsFilter } from '../../../src/em/task-lists.js';
import { MAX_PARENTS_FILTER_CHARS, PARENTS_PER_QUERY } from '../../../src/em/uid-batches.js';

const urn = (i: number) =>
  `urn:veeam:BackupJobSession:${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;

describe('parent chunks of a batched task-list read', () => {
  it('cuts 45 parents into 20, 20 and 5, in order', () => {
    const uids = Array.from({ length: 45 }, (_, i) => urn(i));

    const chunks = parentChunks('BackupTaskSession', uids);

    expect(chunks.map((c) => c.length)).toEqual([PARENTS_PER_QUERY, PARENTS_PER_QUERY, 5]);
    expect(chunks.flat()).toEqual(uids);
  });

  it('renders one chunk as an OR of quoted URNs on the parent field of each type', () => {
    expect(buildFilter(parentsFilter('ReplicaTaskSession', [urn(1), urn(2)]))).toBe(
      `JobSessionUid=="${urn(1)}",JobSessionUid=="${urn(2)}"`,
    );
    expect(buildFilter(parentsFilter('CdpReplicaTaskSession', [urn(3)]))).toBe(
      `PolicySessionUid=="${urn(3)}"`,
    );
  });

  it('keeps every chunk within the length bound and leaves out a UID longer than the bound', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 900 }).filter(isSafeFilterText), {
          maxLength: 60,
        }),
        (uids) => {
          const chunks = parentChunks('BackupTaskSession', uids);
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.length).toBeLessThanOrEqual(PARENTS_PER_QUERY);
            expect(buildFilter(parentsFilter('BackupTaskSession', chunk)).length).toBeLessThanOrEqual(
              MAX_PARENTS_FILTER_CHARS,
            );
          }
          const fits = (uid: string) =>
            buildFilter(parentsFilter('BackupTaskSession', [uid])).length + 1 <= MAX_PARENTS_FILTER_CHARS;
          expect(chunks.flat()).toEqual(uids.filter(fits));
        },
      ),
    );
  });

  it('keeps a UID holding quotes one quoted value (the OR keeps its shape)', () => {
    const filter = buildFilter(parentsFilter('BackupTaskSession', ['a"b', 'c']));

    expect(filter).toBe('JobSessionUid=="a""b",JobSessionUid=="c"');
  });
});
