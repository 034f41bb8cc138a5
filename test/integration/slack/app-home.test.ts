import type { StatsSnapshot } from '../../../src/simulator/http/stats.js';
import { HOME_BLOCK_LIMIT } from '../../../src/digest/home-view.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { blockById, blocksOf, textOf } from '../../helpers/slack-blocks.js';
import { sendEvent } from '../../helpers/slack-requests.js';

/** The simulator's own request counts, read over its control API as any client would. */
async function emRequests(h: BotHarness): Promise<number> {
  const res = await fetch(new URL('/_sim/stats', h.sim.origin));
  return ((await res.json()) as StatsSnapshot).requests.total;
}

async function resetEmStats(h: BotHarness): Promise<void> {
  await (await fetch(new URL('/_sim/stats/reset', h.sim.origin), { method: 'POST' })).text();
}

const homeOpened = (user: string) => ({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' });

describe('App Home through Bolt: signed app_home_opened events → views.publish', () => {
  let h: BotHarness;
  /** EM requests of one open with a cold cache: what one refresh costs. */
  let singleOpen = 0;

  beforeAll(async () => {
    h = await startBotHarness();
    for (let i = 0; i < 1000; i++) {
      h.sim.createSession({ type: 'BackupJobSession', jobName: `Home Job ${i}`, state: 'Working' });
    }
  }, 60_000);
  afterAll(() => h.stop());

  it('publishes the dashboard for the user who opened it, within 100 blocks at 1,000 jobs', async () => {
    await resetEmStats(h);
    const { status } = await sendEvent(h.eventsUrl, homeOpened('UHOME'));
    expect(status).toBe(200);
    await h.slack.waitFor(() => h.slack.views.some((v) => v.userId === 'UHOME'), 30_000);
    const published = h.slack.views.find((v) => v.userId === 'UHOME');
    const view = published?.view as Parameters<typeof blocksOf>[0];
    expect(published?.view['type']).toBe('home');
    expect(blocksOf(view).length).toBeLessThanOrEqual(HOME_BLOCK_LIMIT);
    const running = textOf(blockById(view, 'home:running'));
    expect(Number(/Running now: (\d+)/.exec(running)?.[1])).toBeGreaterThanOrEqual(1000);
    expect(textOf(blockById(view, 'home:running_more'))).toMatch(/… and \d+ more/);
    singleOpen = await emRequests(h);
    expect(singleOpen).toBeGreaterThan(0);
  }, 60_000);

  it('costs EM one refresh for 100 opens within a minute, a second only once the clock passes the minute', async () => {
    // A minute after the first test's read, so this one starts with a refresh of its own.
    h.clock.advance(60_000);
    await resetEmStats(h);
    const before = h.slack.views.length;
    const users = Array.from({ length: 100 }, (_, i) => `UOPEN${i}`);
    const statuses = await Promise.all(users.map((u) => sendEvent(h.eventsUrl, homeOpened(u))));
    expect(statuses.every((s) => s.status === 200)).toBe(true);
    await h.slack.waitFor(() => h.slack.views.length === before + 100, 60_000);
    expect(new Set(h.slack.views.slice(before).map((v) => v.userId))).toEqual(new Set(users));
    const oneRefresh = await emRequests(h);
    expect(oneRefresh).toBeGreaterThan(0);
    expect(oneRefresh).toBeLessThanOrEqual(singleOpen);

    h.clock.advance(59_000);
    await Promise.all(users.slice(0, 10).map((u) => sendEvent(h.eventsUrl, homeOpened(u))));
    await h.slack.waitFor(() => h.slack.views.length === before + 110, 30_000);
    expect(await emRequests(h)).toBe(oneRefresh);

    h.clock.advance(1_000);
    await Promise.all(users.slice(0, 10).map((u) => sendEvent(h.eventsUrl, homeOpened(u))));
    await h.slack.waitFor(() => h.slack.views.length === before + 120, 30_000);
    const twoRefreshes = await emRequests(h);
    expect(twoRefreshes).toBeGreaterThan(oneRefresh);
    expect(twoRefreshes).toBeLessThanOrEqual(2 * oneRefresh);
  }, 120_000);
});
