import {
  mapJobStatisticsReport,
  mapOverviewReport,
  mapProcessedVmsReport,
  mapRepositoryReport,
  mapVmsOverviewReport,
} from '../../../src/em/mappers/reports.js';
import { parseXml } from '../../../src/em/xml.js';
import { readEmFixture } from '../../helpers/fixtures.js';

const node = (name: string) => parseXml(readEmFixture(name)).node;

describe('summary report mappers (simulator XML)', () => {
  it('maps the overview, including EM’s "Lastest" VM counters', () => {
    expect(mapOverviewReport(node('sim-report-overview.xml'))).toEqual({
      backupServers: 3,
      proxyServers: 3,
      repositoryServers: 4,
      runningJobs: 0,
      scheduledJobs: 28,
      successfulVms: 20,
      warningVms: 4,
      failedVms: 0,
    });
  });

  it('maps job statistics; runs add up and the longest jobs are named', () => {
    const stats = mapJobStatisticsReport(node('sim-report-job-statistics.xml'));
    expect(stats.totalRuns).toBe(7);
    expect(stats.successfulRuns + stats.warningRuns + stats.failedRuns).toBe(stats.totalRuns);
    expect(stats).toMatchObject({
      scheduledBackupJobs: 18,
      scheduledReplicaJobs: 10,
      maxJobDurationSeconds: 1760,
      maxDurationBackupJobName: 'Offsite Copy - Fileservers',
      maxDurationReplicaJobName: 'Replication Job 1',
    });
  });

  it('maps the VMs overview in bytes and percent', () => {
    expect(mapVmsOverviewReport(node('sim-report-vms-overview.xml'))).toMatchObject({
      protectedVms: 101,
      backedUpVms: 19,
      restorePoints: 21,
      fullBackupPointsBytes: 3299179128422,
      successBackupPercent: 100,
    });
  });

  it('maps processed VMs per day, oldest first', () => {
    const report = mapProcessedVmsReport(node('sim-report-processed-vms.xml'));
    expect(report.backupDays).toHaveLength(7);
    expect(report.replicaDays).toHaveLength(7);
    expect(report.backupDays[0]).toEqual({ timestamp: new Date('2025-11-13T12:00:00Z'), count: 31 });
  });

  it('maps one repository item per Period, also when there is only one', () => {
    const items = mapRepositoryReport(node('sim-report-repository.xml'));
    expect(items.map((item) => item.name)).toEqual([
      'Default Backup Repository',
      'Repo 1',
      'Linux Hardened Repository',
      'NAS Share Repository',
    ]);
    expect(items[1]).toMatchObject({ capacityBytes: 10995116277760, freeBytes: 219902325555 });
    const single = readEmFixture('sim-report-repository.xml').replace(
      /<\/Period><Period>[\s\S]*<\/Period>/,
      '</Period>',
    );
    expect(mapRepositoryReport(parseXml(single).node)).toHaveLength(1);
  });
});
