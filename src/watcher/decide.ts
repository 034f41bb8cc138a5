import { jobOfSubject, subjectHref, type AlertSubject } from './alert-subject.js';
import { activeMute, channelsFor } from './routing.js';
import type { AlertRecord, WatcherState } from './state.js';

export interface DecideOptions {
  alertChannel: string | undefined;
  retryGraceMs: number;
  now: number;
}

/** An alert to post now, with the record that tracks it. */
export interface PlannedAlert {
  subject: AlertSubject;
  record: AlertRecord;
}

/** The key of an alert record: one per session and channel. */
export const alertKey = (uid: string, channel: string): string => `${uid}|${channel}`;

/**
 * Decides, for each subject not seen before, per channel: post it (pending), hold it for the retry grace
 * (Failed only), or record it muted. Pure: adds the records to `state.alerts` and returns what to post.
 */
export function decide(state: WatcherState, subjects: AlertSubject[], opts: DecideOptions): PlannedAlert[] {
  const planned: PlannedAlert[] = [];
  for (const subject of subjects) {
    for (const channel of channelsFor(
      subject,
      state.subscriptions,
      opts.alertChannel,
      state.brokenChannels,
    )) {
      const key = alertKey(subject.uid, channel);
      if (state.alerts[key]) continue;
      const record: AlertRecord = {
        key,
        uid: subject.uid,
        href: subjectHref(subject),
        channel,
        status: 'pending',
        endedAt: subject.endedAt,
        jobKey: subject.jobKey,
        job: jobOfSubject(subject),
        result: subject.result,
        decidedAt: opts.now,
      };
      if (activeMute(subject, state.mutes, opts.now)) record.status = 'muted';
      else if (subject.result === 'Failed' && opts.retryGraceMs > 0 && subject.kind !== 'failover') {
        record.status = 'held';
        record.holdUntil = opts.now + opts.retryGraceMs;
      }
      state.alerts[key] = record;
      if (record.status === 'pending') planned.push({ subject, record });
    }
  }
  return planned;
}
