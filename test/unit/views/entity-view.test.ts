import { mapDocument } from '../../../src/em/mappers/documents.js';
import { parseXml } from '../../../src/em/xml.js';
import { buildTaskListView } from '../../../src/views/entity-view.js';
import { readEmFixture } from '../../helpers/fixtures.js';
import { blockById, textOf } from './block-queries.js';

/** What a Down link answers, through our parser and mappers. */
function listOf(fixture: string) {
  const document = mapDocument(parseXml(readEmFixture(fixture)));
  if (document.kind !== 'list') throw new Error(`${fixture} is not a list`);
  return document;
}

describe('buildTaskListView', () => {
  it('counts the task sessions of an EntityReferences answer (a Down link without ?format=Entity)', () => {
    const { tasks, references } = listOf('backup-session-task-sessions-refs.xml');
    const view = buildTaskListView('Task sessions', tasks, { references });
    expect(view.text).toBe('Task sessions: 1 task session');
    expect(textOf(blockById(view, 'task_refs'))).toContain('restapizip@2025-01-17 19:13:29');
  });

  it('lists the problem VMs of an entity list', () => {
    const { tasks, references } = listOf('replica-task-sessions-entity-list.xml');
    const view = buildTaskListView('Task sessions', tasks, { references });
    expect(tasks).toHaveLength(1);
    expect(view.text).toBe('Task sessions: 1 task session');
    expect(view.blocks.some((b) => b.block_id === 'task_refs')).toBe(false);
  });
});
