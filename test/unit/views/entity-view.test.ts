import { mapDocument } from '../../../src/em/mappers/documents.js';
import { parseXml } from '../../../src/em/xml.js';
import { buildEntityView, buildTaskListView } from '../../../src/views/entity-view.js';
import { readEmFixture } from '../../helpers/fixtures.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

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

describe('buildEntityView', () => {
  it('offers no button for a backup server link the bot cannot show (jobs, repositories, credentials…)', () => {
    const document = mapDocument(parseXml(readEmFixture('backup-server-entity.xml')));
    if (document.kind !== 'entity') throw new Error('expected an entity');
    const view = buildEntityView(document.entity);
    expect(buttonsOf(view)).toEqual([]);
    expect(textOf(blockById(view, 'header'))).toBe('Backup Server: srv02.tech.local');
  });

  it('labels each link button by what it opens, the labels distinct', () => {
    const document = mapDocument(parseXml(readEmFixture('job-entity.xml')));
    if (document.kind !== 'entity') throw new Error('expected an entity');
    const labels = buttonsOf(buildEntityView(document.entity)).map((b) => b.text.text);
    expect(labels).not.toContain('Details');
    expect(new Set(labels).size).toBe(labels.length);
  });
});
