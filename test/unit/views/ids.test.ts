import { ActionId, actionIdMatcher, numberedActionId } from '../../../src/views/ids.js';

describe('action ids', () => {
  it('are the ids the listeners register', () => {
    expect(ActionId).toEqual({
      FOLLOW_LINK: 'em_follow_link',
      SHARE_IN_CHANNEL: 'share_in_channel',
      FOLLOW_FAILOVER: 'failover_follow',
      PICK_SUGGESTION: 'pick_suggestion',
      CLAIM: 'incident_claim',
      TAKE_OVER: 'incident_take_over',
      SNOOZE: 'incident_snooze',
      SNOOZE_FOR: 'incident_snooze_for',
      JOB_ACTION: 'job_action',
      OPEN_IN_EM: 'open_in_em',
    });
  });

  it('match with or without the per-button suffix, and nothing else', () => {
    const matcher = actionIdMatcher(ActionId.FOLLOW_LINK);
    expect(matcher.test('em_follow_link')).toBe(true);
    expect(matcher.test(numberedActionId(ActionId.FOLLOW_LINK, 3))).toBe(true);
    expect(matcher.test('em_follow_link:x')).toBe(false);
    expect(matcher.test('em_follow_link_2')).toBe(false);
    expect(matcher.test('xem_follow_link:1')).toBe(false);
  });
});
