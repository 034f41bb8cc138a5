import type { App } from '@slack/bolt';
import type { CommandDeps } from '../../../commands/types.js';
import { JOB_ACTION_CALLBACK_ID } from '../../../views/ids.js';
import type { ChatPort } from '../../../watcher/chat-port.js';
import type { WorkQueue } from '../../work-queue.js';
import { createJobActionSubmitListener } from './job-action-submit.js';

/** Registers the modal submission listeners (the job action confirmation). */
export function registerViews(
  app: App,
  deps: { commands: CommandDeps; chat: ChatPort; queue: WorkQueue },
): void {
  app.view(JOB_ACTION_CALLBACK_ID, createJobActionSubmitListener(deps));
}
