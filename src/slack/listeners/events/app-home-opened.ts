import type { CommandDeps } from '../../../commands/types.js';
import { createHomeCache, gatherHomeEm, homeData } from '../../../digest/home-data.js';
import { buildHomeView } from '../../../digest/home-view.js';
import type { WatcherState } from '../../../watcher/state.js';
import type { ChatPort } from '../../../watcher/chat-port.js';

/** What the listener reads of Bolt's `app_home_opened` event. */
export interface HomeOpenedArgs {
  event: { user: string; tab?: string };
}

/**
 * `app_home_opened` on the Home tab: publishes the person's dashboard through the chat port. EM is read at most
 * once a minute whoever opens it (the cache is shared by every open); the watcher's part is read at each open.
 */
export function createAppHomeOpenedListener(deps: {
  commands: CommandDeps;
  chat: Pick<ChatPort, 'publishView'>;
  ttlMs?: number;
}) {
  const cache = createHomeCache(() => gatherHomeEm(deps.commands), deps.commands.clock, deps.ttlMs);
  return async ({ event }: HomeOpenedArgs): Promise<void> => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    if (!deps.chat.publishView) return;
    try {
      const data = homeData(await cache.get(), deps.commands, watcherState(deps.commands));
      await deps.chat.publishView(event.user, buildHomeView(data));
    } catch (error) {
      deps.commands.logger.warn({ user: event.user, err: String(error) }, 'could not publish the Home tab');
    }
  };
}

function watcherState(deps: CommandDeps): WatcherState | undefined {
  try {
    return deps.watcher?.state();
  } catch (error) {
    deps.logger.debug({ err: String(error) }, 'Home without the watcher state');
    return undefined;
  }
}
