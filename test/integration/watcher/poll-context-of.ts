import { silentLogger, type Logger } from '../../../src/shared/logger.js';
import type { PollContext } from '../../../src/watcher/poll-context.js';
import type { Harness } from '../../helpers/watcher-harness.js';

/** The poll context the harness's watcher would build, to run one step of a poll on its own. */
export function pollContextOf(
  h: Harness,
  overrides: { save?: () => Promise<void>; logger?: Logger } = {},
): PollContext {
  return {
    state: h.watcher.state(),
    em: h.client,
    chat: h.chat,
    now: () => h.clock.now(),
    config: h.config,
    save: overrides.save ?? (() => h.watcher.persist()),
    logger: overrides.logger ?? silentLogger,
    emWebUrl: undefined,
  };
}
