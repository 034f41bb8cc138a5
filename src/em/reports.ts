import { ErrorCode } from '../shared/errors.js';
import type { EmClient } from './client.js';
import { EmError } from './errors.js';
import type {
  JobStatisticsReport,
  OverviewReport,
  ProcessedVmsReport,
  RepositoryReportItem,
  VmsOverviewReport,
} from './estate-types.js';
import {
  mapJobStatisticsReport,
  mapOverviewReport,
  mapProcessedVmsReport,
  mapRepositoryReport,
  mapVmsOverviewReport,
} from './mappers/reports.js';
import type { XmlNode } from './xml.js';

/** The summary report frames under `reports/summary/` and their root elements (docs/em-protocol.md, "Summary reports"). */
const FRAMES = {
  overview: 'OverviewReportFrame',
  job_statistics: 'JobStatisticsReportFrame',
  vms_overview: 'VmsOverviewReportFrame',
  processed_vms: 'ProcessedVmsReportFrame',
  repository: 'RepositoryReportFrame',
} as const;

async function frame(client: EmClient, name: keyof typeof FRAMES): Promise<XmlNode> {
  const document = await client.getXml(`reports/summary/${name}`);
  if (document.root !== FRAMES[name]) {
    throw new EmError(ErrorCode.EmParse, `expected <${FRAMES[name]}>, got <${document.root}>`, {
      request: `GET reports/summary/${name}`,
    });
  }
  return document.node;
}

/** `reports/summary/overview`: servers, running and scheduled jobs, VMs by latest state. */
export async function summaryOverview(client: EmClient): Promise<OverviewReport> {
  return mapOverviewReport(await frame(client, 'overview'));
}

/** `reports/summary/job_statistics`: runs by result and the longest jobs. */
export async function summaryJobStatistics(client: EmClient): Promise<JobStatisticsReport> {
  return mapJobStatisticsReport(await frame(client, 'job_statistics'));
}

/** `reports/summary/vms_overview`: protected VMs, restore points and sizes. */
export async function summaryVmsOverview(client: EmClient): Promise<VmsOverviewReport> {
  return mapVmsOverviewReport(await frame(client, 'vms_overview'));
}

/** `reports/summary/processed_vms`: VMs processed per day. */
export async function summaryProcessedVms(client: EmClient): Promise<ProcessedVmsReport> {
  return mapProcessedVmsReport(await frame(client, 'processed_vms'));
}

/** `reports/summary/repository`: capacity and free space per repository. */
export async function summaryRepositories(client: EmClient): Promise<RepositoryReportItem[]> {
  return mapRepositoryReport(await frame(client, 'repository'));
}
