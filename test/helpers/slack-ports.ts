import { silentLogger } from '../../src/shared/logger.js';
import { createSlackChat } from '../../src/slack/chat.js';
import { createSlackWebClient } from '../../src/slack/web-client.js';
import type { ChatPort } from '../../src/watcher/chat-port.js';
import { createFailoverFollowing, type FailoverFollowPort } from '../../src/watcher/failovers.js';
import { emptyState, type WatcherState } from '../../src/watcher/state.js';

/** The chat port on a (fake) Slack Web API, unpaced, and a Follow port over an in-memory watcher state. */
export function testSlackPorts(
  apiUrl: string,
  now: () => number = () => Date.now(),
): { chat: ChatPort; follow: FailoverFollowPort; state: WatcherState } {
  const state = emptyState();
  const chat = createSlackChat(
    createSlackWebClient({ apiUrl, botToken: 'xoxb-test', timeoutMs: 3000, retryDelayMs: 10 }),
    silentLogger,
    {
      channelIntervalMs: 0,
    },
  );
  const follow = createFailoverFollowing({ state: () => state, persist: async () => undefined }, now);
  return { chat, follow, state };
}
