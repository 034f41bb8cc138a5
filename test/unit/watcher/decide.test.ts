import { subjectOfSession } from '../../../src/watcher/alert-subject.js';
import { alertKey, decide } from '../../../src/watcher/decide.js';
import { channelsFor } from '../../../src/watcher/routing.js';
import { emptyState, pruneState } from '../../../src/watcher/state.js';
import { earliestNews, windowStart } from '../../../src/watcher/watcher.js';
import { buildJobSession } from '../../helpers/build-session.js';
import { buildWatcherConfig } from '../../helpers/watcher-harness.js';

const NOW = Date.parse('2025-11-20T12:00:00Z');
const HOUR = 3_600_000;
const subject = (overrides: Parameters<typeof buildJobSession>[0] = {}) =>
  subjectOfSession(buildJobSession({ result: 'Failed', endTime: new Date(NOW - 1000), ...overrides }));
const options = { alertChannel: 'CALERTS', retryGraceMs: 0, now: NOW };

describe('decide', () => {
  it('plans each new subject once per channel, pending', () => {
    const state = emptyState();
    const failed = subject();

    expect(decide(state, [failed], options)).toHaveLength(1);
    expect(decide(state, [failed], options)).toHaveLength(0);
    expect(state.alerts[alertKey(failed.uid, 'CALERTS')]?.status).toBe('pending');
  });

  it('holds Failed (not Warning) for the retry grace', () => {
    const state = emptyState();
    const failed = subject({ uid: 'urn:veeam:BackupJobSession:1' });
    const warning = subject({ uid: 'urn:veeam:BackupJobSession:2', result: 'Warning' });

    const planned = decide(state, [failed, warning], { ...options, retryGraceMs: 600_000 });

    expect(planned.map((p) => p.subject.uid)).toEqual([warning.uid]);
    expect(state.alerts[alertKey(failed.uid, 'CALERTS')]).toMatchObject({
      status: 'held',
      holdUntil: NOW + 600_000,
    });
  });

  it('records a muted job without planning it; an expired mute does nothing', () => {
    const state = emptyState();
    state.mutes.push({ job: 'nightly*', until: NOW + 1, by: 'U1', channel: 'C1' });
    const muted = subject({ jobName: 'Nightly Backup' });
    expect(decide(state, [muted], options)).toHaveLength(0);
    expect(state.alerts[alertKey(muted.uid, 'CALERTS')]?.status).toBe('muted');

    const later = subject({ uid: 'urn:veeam:BackupJobSession:9', jobName: 'Nightly Backup' });
    expect(decide(state, [later], { ...options, now: NOW + 2 })).toHaveLength(1);
  });
});

describe('channelsFor', () => {
  const sub = (id: number, channel: string, extra = {}) => ({ id, channel, ...extra });

  it('falls back to ALERT_CHANNEL, or nowhere without one', () => {
    expect(channelsFor(subject(), [], 'CALERTS')).toEqual(['CALERTS']);
    expect(channelsFor(subject(), [], undefined)).toEqual([]);
  });

  it('deduplicates channels with several matching subscriptions', () => {
    const subs = [
      sub(1, 'C1', { type: 'backup' }),
      sub(2, 'C1', { level: 'failed' }),
      sub(3, 'C2', { type: 'replica' }),
    ];
    expect(channelsFor(subject(), subs, 'CALERTS')).toEqual(['CALERTS', 'C1']);
  });

  it('keeps ALERT_CHANNEL unless an exclusive subscription matches and its channel works', () => {
    const subs = [sub(1, 'C1', { type: 'backup', exclusive: true })];
    expect(channelsFor(subject(), subs, 'CALERTS')).toEqual(['C1']);
    const broken = { C1: { since: 0, slackCode: 'not_in_channel' } };
    expect(channelsFor(subject(), subs, 'CALERTS', broken)).toEqual(['CALERTS', 'C1']);
  });
});

describe('windowStart and pruning', () => {
  const config = buildWatcherConfig({ lookbackMs: HOUR, backfillMs: 0 });

  it('looks back from the last poll, never before the first start', () => {
    const state = { ...emptyState(), firstStartedAt: NOW - 10 * HOUR, lastPollAt: NOW - 2 * HOUR };
    expect(windowStart(state, NOW, config)).toBe(NOW - 3 * HOUR);
    expect(windowStart({ ...state, firstStartedAt: NOW - 1000 }, NOW, config)).toBe(NOW - 1000);
    expect(earliestNews(state, { ...config, backfillMs: HOUR })).toBe(NOW - 11 * HOUR);
  });

  it('prunes old settled records but never pending or held ones', () => {
    const state = emptyState();
    const record = (uid: string, status: 'sent' | 'pending' | 'held') => {
      state.alerts[uid] = {
        key: uid,
        uid,
        href: '',
        channel: 'C',
        status,
        endedAt: 0,
        jobKey: 'j',
        job: { sessionKind: 'BackupJobSession', jobName: 'j' },
        result: 'Failed',
        decidedAt: 0,
      };
    };
    record('a', 'sent');
    record('b', 'pending');
    record('c', 'held');
    state.mutes.push({ job: 'x', until: NOW - 1, by: 'U', channel: 'C' });

    pruneState(state, NOW - HOUR, NOW);

    expect(Object.keys(state.alerts).sort()).toEqual(['b', 'c']);
    expect(state.mutes).toEqual([]);
  });
});
