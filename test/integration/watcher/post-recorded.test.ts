import { ErrorCode, SlackApiError } from '../../../src/shared/errors.js';
import { postRecorded } from '../../../src/watcher/post-recorded.js';
import { ALERTS, startHarness, type Harness } from '../../helpers/watcher-harness.js';
import { pollContextOf } from './poll-context-of.js';

let h: Harness;
afterEach(() => h.stop());

describe('postRecorded', () => {
  it('saves the pending mark before the post and the sent mark after it', async () => {
    h = await startHarness();
    const events: string[] = [];
    const ctx = pollContextOf(h, {
      save: async () => void events.push(`save (${h.fake.messages.length} posted)`),
    });

    const posted = await postRecorded(
      ctx,
      { channel: ALERTS, text: 'hello', metadata: { eventType: 'veeam_alert', key: 'k1' } },
      { pending: () => void events.push('pending'), sent: (ts) => void events.push(`sent ${ts}`) },
    );

    expect(events).toEqual(['pending', 'save (0 posted)', `sent ${posted.ts}`, 'save (1 posted)']);
    expect(h.withKey('k1')).toHaveLength(1);
  });

  it('leaves the record pending and throws Slack’s typed error when the post fails', async () => {
    h = await startHarness();
    h.fake.fail({ method: 'chat.postMessage', kind: 'error', error: 'is_archived', count: 1 });
    const events: string[] = [];

    const error: unknown = await postRecorded(
      pollContextOf(h),
      { channel: ALERTS, text: 'hello' },
      { pending: () => void events.push('pending'), sent: () => void events.push('sent') },
    ).catch((e: unknown) => e);

    expect(events).toEqual(['pending']);
    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ code: ErrorCode.Slack, slackCode: 'is_archived', isFinal: true });
  });

  it('passes on a transient refusal as not final', async () => {
    h = await startHarness();
    h.fake.fail({ method: 'chat.postMessage', kind: 'error', error: 'fatal_error', count: 1 });

    const error: unknown = await postRecorded(
      pollContextOf(h),
      { channel: ALERTS, text: 'x' },
      {
        sent: () => undefined,
      },
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ slackCode: 'fatal_error', isFinal: false });
  });
});
