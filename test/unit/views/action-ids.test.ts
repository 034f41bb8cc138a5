import { finishView } from '../../../src/views/finish-view.js';
import { ActionId, actionIdMatcher } from '../../../src/views/ids.js';
import { buttonsOf } from './block-queries.js';
import { hostileViews } from './hostile-views.js';

const registered = Object.values(ActionId).map(actionIdMatcher);

describe('action ids of every view', () => {
  it.each(hostileViews)('%s: each button answers to a registered listener pattern', (_name, build) => {
    for (const { action_id } of buttonsOf(build())) {
      expect(registered.some((pattern) => pattern.test(action_id ?? ''))).toBe(true);
    }
  });

  it.each(hostileViews)('%s: button labels stay within 30 characters (narrow screens)', (_name, build) => {
    for (const button of buttonsOf(build())) expect(button.text.text.length).toBeLessThanOrEqual(30);
  });

  it.each(hostileViews)('%s: no two buttons share an action id', (_name, build) => {
    const ids = buttonsOf(build()).map((b) => b.action_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a CDP task alert numbers its buttons once (not `em_follow_link:0:0`)', () => {
    const alert = hostileViews.find(([name]) => name === 'cdp task alert (watcher, plain)')?.[1]();
    const ids = buttonsOf(alert ?? { text: '', blocks: [] }).map((b) => b.action_id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(ids.map((_, i) => expect.stringMatching(new RegExp(`^[a-z_]+:${i}$`))));
  });

  it('finishing a finished view changes no action id', () => {
    const once = hostileViews.find(([name]) => name === 'session')?.[1]() ?? { text: '', blocks: [] };
    const twice = finishView(once.text, once.blocks);
    expect(buttonsOf(twice).map((b) => b.action_id)).toEqual(buttonsOf(once).map((b) => b.action_id));
  });
});
