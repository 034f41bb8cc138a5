import { silentLogger } from '../src/shared/logger.js';
import { createSlackApp } from '../src/slack/app.js';
import { startFakeSlack, type FakeSlack } from '../test/helpers/fake-slack.js';
import { testSlackConfig } from '../test/helpers/slack-requests.js';
import { testSlackPorts } from '../test/helpers/slack-ports.js';
import { startBareServer } from './bare-server.js';
import { LOAD_GENERATOR, sendFromLoadProcess, type LoadRequest } from './command-load.js';
import { pickCommandNames, simCommandDeps } from './command-names.js';
import { commandRows, type BurstFigures } from './command-rows.js';
import type { SectionResult } from './section.js';
import { startSimProcess } from './sim-process.js';
import { maximum, percentile } from './stats.js';

const HISTORY = 100_000;
const CONCURRENCY = [200, 500] as const;
const RUNS = 3;
const ANSWER_TIMEOUT_MS = 120_000;

/** Section 2: bursts of 200 and 500 concurrent signed `/veeam status|vm` over HTTP, ours next to a bare server. */
export async function benchSlashCommands(): Promise<SectionResult> {
  const sim = await startSimProcess({ history: HISTORY });
  const slack = await startFakeSlack();
  const bare = await startBareServer();
  const deps = simCommandDeps(sim, 10_000);
  const { client } = deps;
  const app = createSlackApp({
    slack: testSlackConfig(slack.apiUrl, { maxConnections: 4 * Math.max(...CONCURRENCY) }),
    commands: deps,
    logger: silentLogger,
    ...testSlackPorts(slack.apiUrl),
  });
  try {
    const port = await app.start();
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const names = await pickCommandNames(deps.catalog, 20);
    const figures: Record<number, { ours: BurstFigures[]; bare: BurstFigures[] }> = {};
    for (const concurrent of CONCURRENCY) {
      const texts = commandTexts(concurrent, names);
      const ours: BurstFigures[] = [];
      const bareRuns: BurstFigures[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        bareRuns.push(await burst(bare.url, undefined, texts, `bare${concurrent}-${run}`));
        ours.push(await burst(eventsUrl, slack, texts, `c${concurrent}-${run}`));
      }
      figures[concurrent] = { ours, bare: bareRuns };
    }
    return {
      id: 'commands',
      title: `Slash commands: bursts of ${CONCURRENCY.join(' and ')} concurrent status/vm, history ${HISTORY / 1000}k, ours and a bare node:http server (${RUNS} bursts each)`,
      rows: commandRows(figures),
      figures: { history: HISTORY, runs: RUNS, generator: LOAD_GENERATOR, bursts: figures, names },
    };
  } finally {
    await app.stop().catch(() => undefined);
    await client.close().catch(() => undefined);
    await bare.stop();
    await slack.stop();
    await sim.stop();
  }
}

function commandTexts(count: number, names: { jobs: string[]; vms: string[] }): string[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? `status ${names.jobs[(i / 2) % names.jobs.length]}`
      : `vm ${names.vms[Math.floor(i / 2) % names.vms.length]}`,
  );
}

/**
 * Fires every command at once from the load process; with `slack`, waits for the answers too (the time the fake
 * got the response_url post), so the next burst starts on a quiet bot.
 */
async function burst(
  url: string,
  slack: FakeSlack | undefined,
  texts: string[],
  run: string,
): Promise<BurstFigures> {
  const firstCall = slack?.calls.length ?? 0;
  const firstResponse = slack?.responses.length ?? 0;
  const requests: LoadRequest[] = texts.map((text, i) => ({
    id: `${run}-${i}`,
    text,
    responseUrl: slack ? slack.responseUrl(`${run}-${i}`) : 'http://127.0.0.1:9/unused',
  }));
  const acks = await sendFromLoadProcess(url, requests);
  const ackMs = acks.map((a) => a.ackMs);
  const base = {
    ackP50: percentile(ackMs, 50),
    ackP99: percentile(ackMs, 99),
    ackMax: maximum(ackMs),
    non200: acks.filter((a) => a.status !== 200).length,
  };
  if (!slack) return base;
  const sentAt = new Map(acks.map((a) => [a.id, a.sentAt]));
  await slack
    .waitFor(() => slack.responses.length - firstResponse >= texts.length, ANSWER_TIMEOUT_MS)
    .catch(() => undefined);
  // The fake pushes a response and its call record together, so the n-th of each belong to each other.
  const answerCalls = slack.calls.slice(firstCall).filter((c) => c.method === 'response_url');
  const answers = slack.responses
    .slice(firstResponse)
    .map((r, i) => (answerCalls[i]?.at ?? Number.NaN) - (sentAt.get(r.id) ?? Number.NaN));
  return {
    ...base,
    answerP50: percentile(answers, 50),
    answerP99: percentile(answers, 99),
    unanswered: texts.length - answers.length,
  };
}
