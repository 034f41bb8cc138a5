import type { ProtectionConfig, WatcherConfig } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ChatPort } from './chat-port.js';
import { noteOutage } from './outage.js';
import { protectionCheck, type ProtectionReport } from './protection-check.js';
import type { WatcherState } from './state.js';

/** The second, slower loop: one protection check per run, on the watcher's state. */
export interface ProtectionLoop {
  /** One check; never throws for EM trouble (that is an outage, and nothing is judged). */
  runOnce(): Promise<ProtectionReport & { ok: boolean; error?: string }>;
}

/** Builds the protection loop over the watcher's live state and its serialised save. */
export function createProtectionLoop(deps: {
  state: () => WatcherState;
  save: () => Promise<void>;
  client: EmClient;
  chat: ChatPort;
  clock: Clock;
  logger: Logger;
  config: WatcherConfig;
  protection: ProtectionConfig;
  emWebUrl?: string;
}): ProtectionLoop {
  return {
    async runOnce() {
      const ctx = {
        state: deps.state(),
        em: deps.client,
        chat: deps.chat,
        now: () => deps.clock.now(),
        config: deps.config,
        save: deps.save,
        logger: deps.logger,
        emWebUrl: deps.emWebUrl,
        protection: deps.protection,
      };
      try {
        return { ok: true, ...(await protectionCheck(ctx)) };
      } catch (error) {
        const failed = { ok: false, opened: 0, summarised: 0, recovered: 0, error: String(error) };
        if (error instanceof AppError && error.code.startsWith('em_')) {
          await noteOutage(ctx, error).catch((noticeError: unknown) => {
            deps.logger.error({ err: String(noticeError) }, 'could not post the outage notice');
          });
          return failed;
        }
        deps.logger.error({ err: String(error) }, 'protection check failed; retried next check');
        await deps.save().catch((saveError: unknown) => {
          deps.logger.error({ err: String(saveError) }, 'could not save the state after a failed check');
        });
        return failed;
      }
    },
  };
}
