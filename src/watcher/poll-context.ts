import type { WatcherConfig } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Logger } from '../shared/logger.js';
import type { AlertTaskLists } from './alert-tasks.js';
import type { ChatPort } from './chat-port.js';
import type { WatcherState } from './state.js';

/** What every step of a poll works on: the live state, the two outside worlds, the clock, the config, save. */
export interface PollContext {
  state: WatcherState;
  em: EmClient;
  chat: ChatPort;
  /** The watcher's clock (ms); steps read it when they act, so a long poll stamps what it did when it did it. */
  now: () => number;
  config: WatcherConfig;
  /** Saves the state (serialised: at most one write at a time, the latest state wins). */
  save: () => Promise<void>;
  logger: Logger;
  /** EM's web UI, for the "Open in Enterprise Manager" links of alerts. */
  emWebUrl: string | undefined;
  /** JOB_ACTIONS=on: alerts offer the job's Retry / Start / Stop buttons. */
  jobActions?: boolean;
  /** This poll's alert task lists, read ahead in batches; without it each is read through its Down link. */
  taskLists?: AlertTaskLists;
}
