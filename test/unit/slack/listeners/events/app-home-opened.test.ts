import { createManualClock } from '../../../../../src/shared/clock.js';
import { HOME_BLOCK_LIMIT, type HomeView } from '../../../../../src/digest/home-view.js';
import { createAppHomeOpenedListener } from '../../../../../src/slack/listeners/events/app-home-opened.js';
import { emptyState } from '../../../../../src/watcher/state.js';
import { startCommandRig, type CommandRig } from '../../../../helpers/command-rig.js';
import { textOf } from '../../../views/block-queries.js';

function blockOf(view: HomeView | undefined, id: string) {
  const block = view?.blocks.find((b) => b.block_id === id);
  if (!block) throw new Error(`no block ${id}`);
  return block;
}

describe('app_home_opened', () => {
  let rig: CommandRig;
  const published: Array<{ user: string; view: HomeView }> = [];
  const chat = {
    publishView: async (user: string, view: HomeView) => {
      published.push({ user, view });
    },
  };

  beforeAll(async () => {
    rig = await startCommandRig(0);
    for (let i = 0; i < 1000; i++) {
      rig.sim.createSession({ type: 'BackupJobSession', jobName: `Job ${i}`, state: 'Working' });
    }
    const state = emptyState();
    state.incidents['k1'] = {
      jobName: 'Exchange <Backup>',
      lastResult: 'Failed',
      failures: 2,
      channel: 'C1',
      ts: '1.1',
      claim: { by: 'U2', name: 'dana', at: 1 },
    } as (typeof state.incidents)[string];
    state.subscriptions.push({ id: 1, channel: 'CALERTS', job: 'Exchange*' });
    rig.deps.watcher = { state: () => state, persist: async () => undefined };
  }, 60_000);
  afterAll(() => rig.stop());

  it('publishes the dashboard within the Home block limit for 1,000 running jobs, with “… and N more”', async () => {
    const listener = createAppHomeOpenedListener({ commands: rig.deps, chat });
    await listener({ event: { user: 'U1', tab: 'home' } });
    const view = published.at(-1)?.view;
    expect(published.at(-1)?.user).toBe('U1');
    expect(view?.type).toBe('home');
    expect(view?.blocks.length).toBeLessThanOrEqual(HOME_BLOCK_LIMIT);
    expect(textOf(blockOf(view, 'home:running'))).toContain('Running now: 1000');
    expect(textOf(blockOf(view, 'home:running_more'))).toContain('… and 980 more');
    const incident = textOf(blockOf(view, 'home:incident:0'));
    expect(incident).toContain('Exchange &lt;Backup&gt;');
    expect(incident).toContain('claimed by dana');
    expect(textOf(blockOf(view, 'home:subscriptions'))).toContain('<#CALERTS>');
  }, 60_000);

  it('reads EM once a minute under 100 opens, whoever opens it', async () => {
    const clock = createManualClock(rig.deps.clock.now());
    const listener = createAppHomeOpenedListener({ commands: { ...rig.deps, clock }, chat });
    rig.sim.resetStats();
    await listener({ event: { user: 'U0', tab: 'home' } });
    const perRefresh = rig.sim.stats().requests.total;
    rig.sim.resetStats();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => listener({ event: { user: `U${i}`, tab: 'home' } })),
    );
    expect(rig.sim.stats().requests.total).toBe(0);
    clock.advance(60_000);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => listener({ event: { user: `U${i}`, tab: 'home' } })),
    );
    expect(rig.sim.stats().requests.total).toBeGreaterThan(0);
    expect(rig.sim.stats().requests.total).toBeLessThanOrEqual(perRefresh);
  }, 60_000);

  it('publishes nothing for the Messages tab', async () => {
    const before = published.length;
    const listener = createAppHomeOpenedListener({ commands: rig.deps, chat });
    await listener({ event: { user: 'U1', tab: 'messages' } });
    expect(published).toHaveLength(before);
  });
});
