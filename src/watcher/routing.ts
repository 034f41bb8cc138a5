import type { AlertSubject } from './alert-subject.js';
import { matchGlob } from './glob.js';
import type { Mute, Subscription } from './state.js';

/** True when a job name matches a subscription's or mute's job pattern: a glob, case-insensitive, linear time. */
export function jobMatches(pattern: string, jobName: string): boolean {
  if (pattern.toLowerCase() === jobName.toLowerCase()) return true;
  return matchGlob(pattern, jobName);
}

/** Whether a subscription wants this subject. */
export function subscriptionMatches(subscription: Subscription, subject: AlertSubject): boolean {
  if (subscription.type && subscription.type !== subject.kind) return false;
  if (subscription.job && !jobMatches(subscription.job, subject.jobName)) return false;
  if (subscription.server && subscription.server.toLowerCase() !== (subject.server ?? '').toLowerCase())
    return false;
  if (subscription.level === 'failed' && subject.result !== 'Failed') return false;
  return true;
}

/**
 * The channels an alert goes to: every channel with a matching subscription. With no subscriptions at all,
 * or none matching, it goes to ALERT_CHANNEL, so nothing is lost for want of a rule.
 */
export function channelsFor(
  subject: AlertSubject,
  subscriptions: Subscription[],
  alertChannel: string | undefined,
): string[] {
  const matched = [
    ...new Set(subscriptions.filter((s) => subscriptionMatches(s, subject)).map((s) => s.channel)),
  ];
  if (matched.length > 0) return matched;
  return alertChannel ? [alertChannel] : [];
}

/** The active mute covering this subject's job, if any. */
export function activeMute(subject: AlertSubject, mutes: Mute[], now: number): Mute | undefined {
  return mutes.find((mute) => mute.until > now && jobMatches(mute.job, subject.jobName));
}
