import { ActionId, JOB_ACTION_CALLBACK_ID } from '../../src/views/ids.js';
import type { BotHarness } from './bot-harness.js';
import { sendButtonClick, sendViewSubmission } from './slack-requests.js';

/** Adds a job to the simulator (`POST /_sim/jobs`): daily, its newest run `lastResult` 30 minutes ago. */
export async function addJob(h: BotHarness, name: string, lastResult = 'Success'): Promise<void> {
  const res = await fetch(`${h.sim.origin}/_sim/jobs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, everyMinutes: 1440, lastRunMinutesAgo: 30, lastResult }),
  });
  if (res.status !== 201) throw new Error(`POST /_sim/jobs answered ${res.status}: ${await res.text()}`);
}

/** Clicks, submits and reads what job actions did, through Bolt's receiver and the fake Slack. */
export function jobActionRig(h: BotHarness, channel: string) {
  let n = 0;
  const opens = () => h.slack.calls.filter((c) => c.method === 'views.open');
  return {
    opens,
    /** Clicks a job action button (value `<action>|<job>`); answers the ephemeral reply, if any. */
    async click(value: string, userId: string, messageTs?: string): Promise<Record<string, unknown>> {
      const id = `j${++n}`;
      const opened = opens().length;
      await sendButtonClick(h.eventsUrl, {
        actionId: `${ActionId.JOB_ACTION}:1`,
        value,
        responseUrl: h.slack.responseUrl(id),
        channelId: channel,
        userId,
        // A click on a channel message (an alert): its ts is the thread the action reports in.
        ...(messageTs ? { messageTs, ephemeral: false } : {}),
      });
      await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id) || opens().length > opened);
      return h.slack.responses.find((r) => r.id === id)?.body ?? {};
    },
    /** The token in the newest modal's private_metadata. */
    lastToken(): string {
      const view = opens().at(-1)?.args['view'] as { private_metadata?: string } | undefined;
      return String(view?.private_metadata);
    },
    submit: (token: string, userId: string) =>
      sendViewSubmission(h.eventsUrl, {
        callbackId: JOB_ACTION_CALLBACK_ID,
        privateMetadata: token,
        userId,
        userName: `user-${userId}`,
      }),
    /** Messages the bot posted in the channel, in order (updates applied). */
    messages: () => h.slack.messages.filter((m) => m.channel === channel),
    lines: () => h.slack.messages.filter((m) => m.channel === channel).map((m) => m.text),
    /**
     * Steps both clocks a second at a time whenever the bot waits on them, until `done` holds: the bot polls
     * EM's task and session on its clock, the simulator runs them on its own.
     */
    async runUntil(done: () => boolean, maxSteps = 200): Promise<void> {
      for (let i = 0; i < maxSteps; i += 1) {
        await h.slack.waitFor(() => done() || h.sleeping() > 0);
        if (done()) return;
        h.step(1000);
      }
      throw new Error('the job action did not get there in time');
    },
  };
}
