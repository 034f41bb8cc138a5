import type { Config } from '../config/load-config.js';
import { createDigestLoop, type DigestLoop } from '../digest/digest-loop.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { startSchedule, type Schedule } from '../shared/scheduler.js';
import type { Leadership } from '../store/leadership.js';
import type { ChatPort } from './chat-port.js';
import { createProtectionLoop, type ProtectionLoop } from './protection-loop.js';
import type { Watcher } from './watcher.js';

/** What the slower loops need: the parts of the watcher's world, and who leads (only the leader runs them). */
export interface LoopDeps {
  config: Config;
  client: EmClient;
  chat: ChatPort;
  clock: Clock;
  logger: Logger;
  leadership: Leadership;
  /** Told after each run of a loop (metrics). */
  hooks?: { onLoop?: (loop: 'protection' | 'digest') => void };
}

/** The digest is checked every minute: it is due at a minute of the day (DIGEST_TIME). */
const DIGEST_SCHEDULE = '* * * * *';

/** The daily digest loop and its schedule. */
export interface DigestSchedule {
  loop: DigestLoop;
  schedule: Schedule;
}

/** The one place the digest runs, on the leader only (replicas share its exactly-once records). */
export function startDigest(deps: LoopDeps, watcher: Watcher): DigestSchedule {
  const loop = createDigestLoop({
    state: () => watcher.state(),
    save: () => watcher.persist(),
    client: deps.client,
    chat: deps.chat,
    clock: deps.clock,
    logger: deps.logger.child({ part: 'digest' }),
    digest: deps.config.digest,
    repoWarnPercent: deps.config.protection.repoWarnPercent,
    repoCritPercent: deps.config.protection.repoCritPercent,
    ...(deps.config.protection.rpoDefaultMs !== undefined
      ? { rpoDefaultMs: deps.config.protection.rpoDefaultMs }
      : {}),
    // The demo posts one digest about a minute after start, so a newcomer sees it.
    ...(deps.config.mode === 'local-demo'
      ? { demoDueAtMs: deps.clock.now() + deps.config.digest.demoAfterMs }
      : {}),
  });
  const schedule = startSchedule(
    // The demo looks every 5 s so its one digest comes when DEMO_DIGEST_AFTER says, not at the next minute.
    deps.config.mode === 'local-demo' ? '*/5 * * * * *' : DIGEST_SCHEDULE,
    async () => {
      if (!deps.leadership.isLeader()) return;
      const report = await loop.runOnce();
      deps.hooks?.onLoop?.('digest');
      deps.logger.debug({ report }, 'digest check done');
    },
    deps.logger,
  );
  return { loop, schedule };
}

/** The protection loop and its schedule. */
export interface ProtectionSchedule {
  loop: ProtectionLoop;
  schedule: Schedule;
}

/** The protection checks on PROTECTION_SCHEDULE, on the leader only, over the watcher's state. */
export function startProtection(deps: LoopDeps, watcher: Watcher): ProtectionSchedule {
  const { config } = deps;
  const loop = createProtectionLoop({
    state: () => watcher.state(),
    save: () => watcher.persist(),
    client: deps.client,
    chat: deps.chat,
    clock: deps.clock,
    logger: deps.logger.child({ part: 'protection' }),
    config: config.watcher,
    protection: config.protection,
    ...(config.em.webUrl ? { emWebUrl: config.em.webUrl } : {}),
  });
  const schedule = startSchedule(
    config.protection.schedule,
    async () => {
      if (!deps.leadership.isLeader()) return;
      const report = await loop.runOnce();
      deps.hooks?.onLoop?.('protection');
      deps.logger.debug({ report }, 'protection check done');
    },
    deps.logger,
  );
  return { loop, schedule };
}
