import { buildTaskAlertView } from '../../../src/views/task-alert-view.js';
import { renderAlert } from '../../../src/watcher/alert-messages.js';
import { subjectOfCdpTask, subjectOfSession } from '../../../src/watcher/alert-subject.js';
import { buildJobSession, buildTaskSession } from '../../helpers/build-session.js';
import { blockById, textOf } from './block-queries.js';

const now = new Date('2025-09-25T03:00:00Z');
const cdpTask = (result: string) =>
  buildTaskSession({
    kind: 'CdpReplicaTaskSession',
    vmName: 'sql01',
    result,
    links: [{ rel: 'Up', type: 'CdpReplicaSessionReference', href: 'https://em/x', name: 'Gold@2025-09-24' }],
  });
const options = {
  mentionFailed: '<!subteam^S1>',
  mentionWarning: '<!here>',
  emWebUrl: undefined,
  now: now.getTime(),
};

describe('buildTaskAlertView', () => {
  it('puts the policy line under the mention, once', () => {
    const view = buildTaskAlertView(cdpTask('Failed'), { policyName: 'Gold', mention: '<!subteam^S1>', now });
    expect(textOf(blockById(view, 'mention'))).toBe('<!subteam^S1> :x: CDP policy *Gold*: sql01 failed');
    expect(view.blocks.filter((b) => textOf(b).includes('CDP policy'))).toHaveLength(1);
  });

  it('shows the policy line as context when nobody is mentioned', () => {
    const view = buildTaskAlertView(cdpTask('Warning'), { policyName: 'Gold', now });
    expect(textOf(blockById(view, 'policy'))).toBe(':warning: CDP policy *Gold*: sql01 warning');
  });
});

describe('renderAlert with a mention', () => {
  it.each(['Warning', 'Failed'])('a CDP %s alert shows its policy line once', (result) => {
    const view = renderAlert(subjectOfCdpTask(cdpTask(result)), [], options);
    expect(view.blocks.filter((b) => textOf(b).includes('CDP policy'))).toHaveLength(1);
    expect(textOf(blockById(view, 'mention'))).toMatch(/^<!(here|subteam\^S1)> /);
  });

  it.each(['Warning', 'Failed'])('a %s session alert says its header line once', (result) => {
    const session = buildJobSession({ result });
    const view = renderAlert(subjectOfSession(session), [], options);
    expect(textOf(blockById(view, 'mention'))).toBe(result === 'Failed' ? '<!subteam^S1>' : '<!here>');
    expect(view.blocks.filter((b) => textOf(b).includes(session.name)).map((b) => b.block_id)).toEqual([
      'header',
      'uid',
    ]);
  });
});
