import type { AlertSubject } from './alert-subject.js';
import { matchGlob } from './glob.js';
import type { BrokenChannel, Mute, Subscription } from './state.js';

/** The subscription types of the protection loop's alerts (beside the watched session kinds). */
export const PROTECTION_KINDS = ['protection', 'repository'] as const;

/** What routing reads of an alert: a session subject, or a protection alert (kind `protection` / `repository`). */
export type Routed = Pick<AlertSubject, 'jobName' | 'server' | 'result'> & { kind: string };

/** True when a job name matches a subscription's or mute's job pattern: a glob, case-insensitive, linear time. */
export function jobMatches(pattern: string, jobName: string): boolean {
  if (pattern.toLowerCase() === jobName.toLowerCase()) return true;
  return matchGlob(pattern, jobName);
}

/** Whether a subscription wants this subject. */
export function subscriptionMatches(subscription: Subscription, subject: Routed): boolean {
  if (subscription.type && subscription.type !== subject.kind) return false;
  if (subscription.job && !jobMatches(subscription.job, subject.jobName)) return false;
  if (subscription.server && subscription.server.toLowerCase() !== (subject.server ?? '').toLowerCase())
    return false;
  if (subscription.level === 'failed' && subject.result !== 'Failed') return false;
  return true;
}

/**
 * The channels an alert goes to: ALERT_CHANNEL always, plus every channel with a matching subscription
 * (subscriptions add a destination). Only a matching exclusive subscription, made by an operator, takes the
 * alert out of ALERT_CHANNEL, and only while its channel works: a channel Slack refuses (`broken`) falls
 * back to ALERT_CHANNEL at once.
 */
export function channelsFor(
  subject: Routed,
  subscriptions: Subscription[],
  alertChannel: string | undefined,
  broken: Readonly<Record<string, BrokenChannel>> = {},
): string[] {
  const matching = subscriptions.filter((s) => subscriptionMatches(s, subject));
  const exclusive = matching.some((s) => s.exclusive === true && !broken[s.channel]);
  const channels = [...(alertChannel && !exclusive ? [alertChannel] : []), ...matching.map((s) => s.channel)];
  return [...new Set(channels)];
}

/** The active mute covering this subject's job, if any. */
export function activeMute(subject: Routed, mutes: Mute[], now: number): Mute | undefined {
  return mutes.find((mute) => mute.until > now && jobMatches(mute.job, subject.jobName));
}
