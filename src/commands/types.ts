import type { ProtectionConfig } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { ModalView, SlackMessage } from '../views/format/block-kit.js';
import type { Catalog } from './catalog.js';
import type { JobActionsDeps } from './job-actions/job-actions-deps.js';
import type { RoutingPort } from './routing-port.js';
import type { WatcherPort } from './watcher-port.js';

/** What command handlers need; built once by the composition root, the same for Slack and the console. */
export interface CommandDeps {
  client: EmClient;
  catalog: Catalog;
  clock: Clock;
  logger: Logger;
  emWebUrl?: string;
  /** The watcher, for subscribe, mute and friends; absent when no watcher runs. */
  watcher?: WatcherPort;
  /** Who may change routing, whether the bot can post, announcements; absent: everyone, nothing announced. */
  routing?: RoutingPort;
  /** The protection settings `/veeam protection`, `repos` and `rpo` show; absent: the defaults. */
  protection?: Pick<ProtectionConfig, 'rpoDefaultMs' | 'repoWarnPercent' | 'repoCritPercent'>;
  /** The digest's zone (DIGEST_TZ) for `/veeam report`; absent: the host's. */
  digestTimeZone?: string;
  /** Retry / start / stop (JOB_ACTIONS=on); absent: no action buttons and the commands say they are off. */
  jobActions?: JobActionsDeps;
}

/** Who asked and where. */
export interface CommandContext {
  userId: string;
  channelId: string;
  /** Opens a modal for this command (Slack gave a `trigger_id`); absent in the console. */
  modal?: { open(view: ModalView): Promise<void> };
}

/** A handler: the argument text in, a message out. Throws our AppErrors for bad input. */
export type CommandHandler = (
  rest: string,
  context: CommandContext,
  deps: CommandDeps,
) => Promise<SlackMessage>;
