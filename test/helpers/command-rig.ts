import { createCatalog } from '../../src/commands/catalog.js';
import { runCommand } from '../../src/commands/run-command.js';
import type { CommandDeps } from '../../src/commands/types.js';
import type { EmClient } from '../../src/em/client.js';
import { createManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import type { SlackMessage } from '../../src/views/format/block-kit.js';
import { START as HARNESS_START } from './time.js';
import { simClient } from './sim-client.js';
import { buttonsOf, textOf } from '../unit/views/block-queries.js';

/** The simulator on loopback (manual clock, no live sessions) and the command deps over the real EM client. */
export interface CommandRig {
  sim: RunningSimulator;
  client: EmClient;
  deps: CommandDeps;
  /** Runs a `/veeam` text as user U1 in channel C1. */
  run(text: string): Promise<SlackMessage>;
  /** Clicks the n-th suggestion button of a reply: runs its value as the Slack and console listeners do. */
  pick(reply: SlackMessage, n?: number): Promise<SlackMessage>;
  stop(): Promise<void>;
}

/**
 * Starts a rig; `history` is how many past sessions the simulator invents. The catalog reloads on every look-up
 * unless `cachedCatalog` keeps the bot's default cache (for tests that run many commands).
 */
export async function startCommandRig(
  history = 120,
  options: { cachedCatalog?: boolean } = {},
): Promise<CommandRig> {
  const sim = await startSimulator({
    history,
    live: false,
    clock: { manual: true, startTime: HARNESS_START },
  });
  const client = simClient(sim);
  const clock = createManualClock(HARNESS_START);
  const deps: CommandDeps = {
    client,
    catalog: createCatalog({ client, clock, ...(options.cachedCatalog ? {} : { ttlMs: 0 }) }),
    clock,
    logger: silentLogger,
  };
  const context = { userId: 'U1', channelId: 'C1' };
  return {
    sim,
    client,
    deps,
    run: (text) => runCommand(text, context, deps),
    pick: (reply, n = 0) => runCommand(buttonsOf(reply)[n]?.value ?? '', context, deps),
    stop: async () => {
      await client.close();
      await sim.stop();
    },
  };
}

/** Everything a reader sees in a reply's blocks (section texts and fields, context, headers), one block a line. */
export function visibleText(message: SlackMessage): string {
  return message.blocks.map(textOf).join('\n');
}
