import { createCatalog } from '../src/commands/catalog.js';
import type { CommandDeps } from '../src/commands/types.js';
import { createEmClient } from '../src/em/client.js';
import { retryPolicies } from '../src/em/retry-policies.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { createSlackApp } from '../src/slack/app.js';
import { startFakeSlack, type FakeSlack } from '../test/helpers/fake-slack.js';
import { testSlackConfig } from '../test/helpers/slack-requests.js';
import { testSlackPorts } from '../test/helpers/slack-ports.js';
import { sendFromLoadProcess } from './command-load.js';
import { pickCommandNames } from './command-names.js';
import type { Row, SectionResult } from './section.js';
import { startSimProcess } from './sim-process.js';
import { median, percentile, round } from './stats.js';

const HISTORY = 100_000;
const CONCURRENT = 200;
const RUNS = 3;
const ANSWER_TIMEOUT_MS = 120_000;

interface RunFigures {
  ackP50: number;
  ackP99: number;
  answerP50: number;
  answerP99: number;
  non200: number;
  unanswered: number;
}

/** Section 2: 200 concurrent signed `/veeam status|vm` over HTTP; ack and full-answer latency. */
export async function benchSlashCommands(): Promise<SectionResult> {
  const sim = await startSimProcess({ history: HISTORY });
  const slack = await startFakeSlack();
  const client = createEmClient({
    apiBase: sim.url,
    username: sim.user,
    password: sim.password,
    timeoutMs: 10_000,
    retryPolicy: retryPolicies.default,
    logger: silentLogger,
  });
  const deps: CommandDeps = {
    client,
    catalog: createCatalog({ client, clock: systemClock }),
    clock: systemClock,
    logger: silentLogger,
  };
  const app = createSlackApp({
    slack: testSlackConfig(slack.apiUrl),
    commands: deps,
    logger: silentLogger,
    ...testSlackPorts(slack.apiUrl),
  });
  try {
    const port = await app.start();
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const names = await pickCommandNames(deps.catalog, 20);
    const texts = Array.from({ length: CONCURRENT }, (_, i) =>
      i % 2 === 0
        ? `status ${names.jobs[(i / 2) % names.jobs.length]}`
        : `vm ${names.vms[Math.floor(i / 2) % names.vms.length]}`,
    );
    const runs: RunFigures[] = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await burst(eventsUrl, slack, texts, `r${run}`));
    return summarize(runs, names);
  } finally {
    await app.stop().catch(() => undefined);
    await client.close().catch(() => undefined);
    await slack.stop();
    await sim.stop();
  }
}

/** Fires every command at once from the load process; the answer time is when the fake got the response_url post. */
async function burst(eventsUrl: string, slack: FakeSlack, texts: string[], run: string): Promise<RunFigures> {
  const firstCall = slack.calls.length;
  const firstResponse = slack.responses.length;
  const requests = texts.map((text, i) => ({
    id: `${run}-${i}`,
    text,
    responseUrl: slack.responseUrl(`${run}-${i}`),
  }));
  const acks = await sendFromLoadProcess(eventsUrl, requests);
  const sentAt = new Map(acks.map((a) => [a.id, a.sentAt]));
  await slack
    .waitFor(() => slack.responses.length - firstResponse >= texts.length, ANSWER_TIMEOUT_MS)
    .catch(() => undefined);
  // The fake pushes a response and its call record together, so the n-th of each belong to each other.
  const answerCalls = slack.calls.slice(firstCall).filter((c) => c.method === 'response_url');
  const answers = slack.responses
    .slice(firstResponse)
    .map((r, i) => (answerCalls[i]?.at ?? Number.NaN) - (sentAt.get(r.id) ?? Number.NaN));
  const ackMs = acks.map((a) => a.ackMs);
  return {
    ackP50: percentile(ackMs, 50),
    ackP99: percentile(ackMs, 99),
    answerP50: percentile(answers, 50),
    answerP99: percentile(answers, 99),
    non200: acks.filter((a) => a.status !== 200).length,
    unanswered: texts.length - answers.length,
  };
}

function summarize(runs: RunFigures[], names: { jobs: string[]; vms: string[] }): SectionResult {
  const of = (key: keyof RunFigures) => median(runs.map((r) => r[key]));
  const rows: Row[] = [
    {
      measure: 'ack p50 (HTTP response)',
      value: `${round(of('ackP50'))} ms`,
      goal: '< 100 ms',
      met: of('ackP50') < 100,
    },
    {
      measure: 'ack p99 (HTTP response)',
      value: `${round(of('ackP99'))} ms`,
      goal: '< 100 ms (aim)',
      met: of('ackP99') < 100,
    },
    {
      measure: 'ack p99 against Slack limit',
      value: `${round(of('ackP99'))} ms`,
      goal: 'well under 3 s (< 1 s)',
      met: of('ackP99') < 1000,
    },
    { measure: 'full answer p50 (response_url)', value: `${round(of('answerP50'))} ms` },
    { measure: 'full answer p99 (response_url)', value: `${round(of('answerP99'))} ms` },
    {
      measure: 'non-200 acks / unanswered (sum of runs)',
      value: `${runs.reduce((n, r) => n + r.non200, 0)} / ${runs.reduce((n, r) => n + r.unanswered, 0)}`,
      goal: '0 / 0',
      met: runs.every((r) => r.non200 === 0 && r.unanswered === 0),
    },
  ];
  return {
    id: 'commands',
    title: `Slash commands: ${CONCURRENT} concurrent status/vm, history ${HISTORY / 1000}k (median of ${RUNS} bursts)`,
    rows,
    figures: {
      history: HISTORY,
      concurrent: CONCURRENT,
      runs,
      medians: {
        ackP50Ms: of('ackP50'),
        ackP99Ms: of('ackP99'),
        answerP50Ms: of('answerP50'),
        answerP99Ms: of('answerP99'),
      },
      jobsUsed: names.jobs,
      vmsUsed: names.vms,
    },
  };
}
