import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/shared/logger.js';
import { createLowdbAlertStore } from '../../src/watcher/lowdb-alert-store.js';
import { createProtectionLoop } from '../../src/watcher/protection-loop.js';
import { ActionId } from '../../src/views/ids.js';
import { startBotHarness, type BotHarness } from './bot-harness.js';
import { buildProtectionConfig } from './protection-harness.js';
import { ALERTS, buildWatcherConfig, MINUTE } from './watcher-harness.js';
import { blocksOf, buttonsOf } from './slack-blocks.js';
import { sendButtonClick } from './slack-requests.js';

/** A message as the fake Slack keeps it. */
export type Posted = { ts?: string; channel?: string; text?: string; blocks?: unknown[] };

/** Clicks buttons through Bolt's receiver in one channel and reads the clicker's answers. */
export function claimClicks(h: BotHarness, channel: string) {
  let n = 0;
  const buttonOf = (message: Posted | undefined, base: string) =>
    buttonsOf(message).find((b) => String(b['action_id']).split(':')[0] === base);
  return {
    claimButton: (message: Posted | undefined) => buttonOf(message, ActionId.CLAIM),
    snoozeButton: (message: Posted | undefined) => buttonOf(message, ActionId.SNOOZE),
    takeOverButton: (message: Posted | undefined) => buttonOf(message, ActionId.TAKE_OVER),
    /** Clicks a button (on the channel message `messageTs`, or an ephemeral one); answers the response id. */
    async click(
      button: Record<string, unknown> | undefined,
      who: { userId: string; userName: string },
      messageTs?: string,
    ): Promise<string> {
      const id = `claim-click-${++n}`;
      await sendButtonClick(h.eventsUrl, {
        actionId: String(button?.['action_id']),
        value: String(button?.['value']),
        responseUrl: h.slack.responseUrl(id),
        channelId: channel,
        ...who,
        ...(messageTs ? { messageTs, ephemeral: false } : {}),
      });
      return id;
    },
    /** The clicker's answer to click `id`, once it came. */
    async answerTo(id: string): Promise<Posted> {
      await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id));
      return (h.slack.responses.find((r) => r.id === id)?.body ?? {}) as Posted;
    },
    /** Waits until `find()` shows a claim line naming `name`. */
    claimShows: (find: () => Posted | undefined, name: string) =>
      h.slack.waitFor(() =>
        blocksOf(find()).some((b) => b.block_id === 'claim' && JSON.stringify(b).includes(name)),
      ),
  };
}

/**
 * A bot through Bolt's receiver on a lowdb file (a claim must survive a restart's schema check) with a protection
 * loop beside its watcher, for clicking Claim on protection alerts and storm summaries.
 */
export async function startProtectionClaimRig(name: string) {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`));
  const store = createLowdbAlertStore(join(dir, 'state.json'));
  const h = await startBotHarness({}, 5000, { watcher: { kinds: ['backup'] }, store });
  const loop = createProtectionLoop({
    state: () => h.watcher.state(),
    save: () => h.watcher.persist(),
    client: h.deps.client,
    chat: h.chat,
    clock: h.clock,
    logger: silentLogger,
    config: buildWatcherConfig({ kinds: ['backup'] }),
    protection: buildProtectionConfig(),
  });
  return {
    h,
    store,
    stateFile: join(dir, 'state.json'),
    loop,
    clicks: claimClicks(h, ALERTS),
    /** Moves the simulator's and the bot's clocks together. */
    advance(ms = MINUTE) {
      h.sim.clock.advance(ms);
      h.clock.advance(ms);
    },
    /** A simulator control call that must succeed. */
    async control(path: string, body: unknown) {
      const res = await fetch(`${h.sim.origin}/_sim/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`POST /_sim/${path} answered ${res.status}`);
    },
    async stop() {
      await h.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
