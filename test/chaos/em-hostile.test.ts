import { waitForMorePolls } from '../helpers/bot-process.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';
import { startHostileEm, type HostileEm } from '../helpers/hostile-em.js';
import { sendSlashCommand } from '../helpers/slack-requests.js';

/**
 * The built bot behind an EM that turns hostile on queries: a page whose `Next` links to itself, then a 50 MB
 * body. The bot stops each query at once, treats it as an outage (one notice, one recovery), keeps answering
 * commands and does not crash.
 */
describe('a hostile Enterprise Manager', () => {
  let rig: CrashRig;
  let em: HostileEm;
  let eventsUrl: string;

  beforeAll(async () => {
    em = await startHostileEm();
    rig = await startCrashRig({
      env: { VEEAM_URL: em.url, OUTAGE_NOTICE_AFTER: '3s', EM_MAX_RESPONSE_BYTES: '1048576' },
    });
    em.forwardTo(rig.sim.url);
    const bot = await rig.start();
    const [, port] = await bot.waitFor(/"port":(\d+),"msg":"Slack app started"/, 20_000, 'stderr');
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  });
  afterAll(async () => {
    await rig.stop();
    await em.stop();
  });

  const answered = async (id: string) => {
    const { status } = await sendSlashCommand(eventsUrl, {
      text: 'help',
      responseUrl: rig.slack.responseUrl(id),
    });
    expect(status).toBe(200);
    await rig.slack.waitFor(() => rig.slack.responses.some((r) => r.id === id), 15_000);
  };
  const notices = () => rig.slack.messages.filter((m) => /unreachable/i.test(m.text)).length;
  const recoveries = () => rig.slack.messages.filter((m) => /reachable again/i.test(m.text)).length;

  it('stops a self-linking Next per query, posts the outage notice and keeps answering', async () => {
    await waitForMorePolls(rig.bot(), 1, 30_000);
    const polls = rig.bot().count(/"msg":"poll done"/g);
    em.setMode('self-link');
    await rig.bot().waitFor(/EM paging stopped/, 30_000, 'stderr');
    await rig.slack.waitFor(() => notices() === 1, 30_000);
    await answered('during-self-link');
    const pollsSince = rig.bot().count(/"msg":"poll done"/g) - polls + 1;
    // Each query reads the first page and the self-linked one, never more (measured before: 1,216 in 12 s).
    expect(em.queries['self-link']).toBeLessThanOrEqual(pollsSince * 2 * 20);
    expect(rig.bot().stderr()).not.toMatch(/"code":"internal"/);
  });

  it('refuses a 50 MB body while it streams, stays one outage, and recovers once', async () => {
    em.setMode('huge');
    const before = em.queries.huge;
    await rig.bot().waitFor(/sent more than 1048576 bytes; aborted/, 60_000, 'stderr');
    expect(em.queries.huge).toBeGreaterThan(before);
    await answered('during-huge');
    em.setMode('pass');
    await rig.slack.waitFor(() => recoveries() === 1, 30_000);
    await waitForMorePolls(rig.bot(), 1, 30_000);
    expect(notices()).toBe(1);
    expect(rig.bot().child.exitCode).toBeNull();
  });
});
