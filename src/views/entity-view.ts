import type { EmEntity } from '../em/mappers/documents.js';
import type { TaskSession } from '../em/types.js';
import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { truncate } from './format/truncate.js';
import { actions, fieldsSection, header } from './blocks.js';
import { finishView } from './finish-view.js';
import { linkButtons } from './link-buttons.js';
import { taskBlocks, uidContext } from './session-parts.js';
import { plural } from './session-text.js';

/** Any other EM entity (a backup server, a job without sessions): its name, simple fields and link buttons. */
export function buildEntityView(entity: EmEntity): SlackMessage {
  const fields = Object.entries(entity.fields)
    .slice(0, 10)
    .map(([key, value]) => `*${escapeMrkdwn(key)}*\n${escapeMrkdwn(truncate(value, 300))}`);
  const buttons = linkButtons(entity.links.filter((link) => link.rel === 'Up' || link.rel === 'Down'));
  const title = entity.name || entity.type || 'Enterprise Manager object';
  const blocks = [
    header(`${kindOf(entity.type)}: ${title}`),
    ...(fields.length ? [fieldsSection(fields)] : []),
    uidContext(entity),
    ...(buttons.length ? [actions(buttons)] : []),
  ];
  return finishView(`${escapeMrkdwn(kindOf(entity.type))}: ${escapeMrkdwn(truncate(title, 200))}`, blocks);
}

/** A list of task sessions reached through a Down link: the problem VMs first, then a count of the rest. */
export function buildTaskListView(title: string, tasks: TaskSession[]): SlackMessage {
  const blocks = [header(title), ...taskBlocks(tasks)];
  return finishView(`${escapeMrkdwn(truncate(title, 200))}: ${plural(tasks.length, 'task session')}`, blocks);
}

function kindOf(type: string): string {
  return type.replace(/Reference$/, '').replace(/([a-z])([A-Z])/g, '$1 $2') || 'Object';
}
