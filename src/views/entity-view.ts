import type { EmEntity } from '../em/mappers/documents.js';
import type { EmReference, TaskSession } from '../em/types.js';
import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { packLines, truncate } from './format/truncate.js';
import { actions, fieldsSection, header, section } from './blocks.js';
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

/** Options of buildTaskListView. */
export interface TaskListViewOptions {
  /** The references of an `EntityReferences` answer, shown by name when no task entity came with them. */
  references?: EmReference[];
}

/** A list of task sessions reached through a Down link: the problem VMs first, then a count of the rest. */
export function buildTaskListView(
  title: string,
  tasks: TaskSession[],
  opts: TaskListViewOptions = {},
): SlackMessage {
  // A Down link answers with references unless asked for entities; they carry names but no results.
  const references = tasks.length ? [] : (opts.references ?? []);
  const names = references.map((r) => escapeMrkdwn(truncate(r.name || r.uid, 150)));
  const blocks = [
    header(title),
    ...taskBlocks(tasks),
    ...(names.length ? [section(packLines(names, 2900), 'task_refs')] : []),
  ];
  const count = tasks.length || references.length;
  return finishView(`${escapeMrkdwn(truncate(title, 200))}: ${plural(count, 'task session')}`, blocks);
}

function kindOf(type: string): string {
  return type.replace(/Reference$/, '').replace(/([a-z])([A-Z])/g, '$1 $2') || 'Object';
}
