import { buildErrorView } from '../../../src/views/error-view.js';
import { COMMANDS } from '../../../src/commands/registry.js';
import { buildHelpView } from '../../../src/views/help-view.js';
import { actionIdMatcher, PICK_SUGGESTION } from '../../../src/views/ids.js';
import { buildSuggestionsView } from '../../../src/views/suggestions-view.js';
import { blockById, buttonsOf, textOf } from './block-queries.js';

describe('buildHelpView', () => {
  it.each([
    'help',
    'status &lt;job or policy&gt;',
    'vm &lt;vm name&gt;',
    'session &lt;uid, id or href&gt;',
    'failover [plan]',
    'cdp [policy]',
    'failures [window, e.g. 24h]',
    'running',
    'subscribe [type:&lt;type&gt;] [job:&lt;name or glob&gt;] [server:&lt;name&gt;] [level:warning|failed]',
    'subscriptions',
    'unsubscribe &lt;n|all&gt;',
    'mute &lt;job&gt; &lt;duration&gt;',
    'unmute &lt;job&gt;',
  ])('lists /veeam %s', (command) => {
    expect(textOf(blockById(buildHelpView(COMMANDS), 'usage'))).toContain(`\`/veeam ${command}\``);
  });
});

describe('buildSuggestionsView', () => {
  const suggestions = Array.from({ length: 7 }, (_, i) => ({
    name: `Fileserver0${i} Replication`,
    kind: 'job' as const,
    command: `status Fileserver0${i} Replication`,
  }));

  it('asks "did you mean" with at most 5 buttons that run the command', () => {
    const view = buildSuggestionsView('Filesrv', suggestions);
    expect(textOf(blockById(view, 'intro'))).toBe('No job named *Filesrv*. Did you mean:');
    const buttons = buttonsOf(view);
    expect(buttons).toHaveLength(5);
    expect(buttons[0]).toMatchObject({ value: 'status Fileserver00 Replication' });
    expect(buttons[0]?.text.text).toBe('Fileserver00 Replication (job)');
    expect(buttons.every((b) => actionIdMatcher(PICK_SUGGESTION).test(b.action_id ?? ''))).toBe(true);
  });

  it('names the kind and says plainly when there is nothing close', () => {
    expect(
      textOf(
        blockById(buildSuggestionsView('x', [{ name: 'web01', kind: 'vm', command: 'vm web01' }]), 'intro'),
      ),
    ).toBe('No VM named *x*. Did you mean:');
    const none = buildSuggestionsView('zzz', []);
    expect(buttonsOf(none)).toHaveLength(0);
    expect(none.text).toBe('No job named *zzz*.');
  });
});

describe('buildErrorView', () => {
  it('answers in one line', () => {
    const view = buildErrorView('Enterprise Manager did not answer in 30s.');
    expect(view.blocks).toHaveLength(1);
    expect(textOf(blockById(view, 'error'))).toBe(':warning: Enterprise Manager did not answer in 30s.');
  });

  it('adds the usage when asked', () => {
    const view = buildErrorView('Unknown command `frobnicate`.', { usage: COMMANDS });
    expect(textOf(blockById(view, 'usage'))).toContain('`/veeam help`');
  });
});
