/** Action ids shared by the views and the listeners; views append `:<n>` so ids stay unique within a message. */
export const ActionId = {
  /** Button value: an EM href to fetch and render. */
  FOLLOW_LINK: 'em_follow_link',
  /** Button value: the command text after `/veeam `, e.g. `status Fileserver02 Replication`. */
  SHARE_IN_CHANNEL: 'share_in_channel',
  /** Button value: the cloud failover session href to keep updating. */
  FOLLOW_FAILOVER: 'failover_follow',
  /** Button value: a command text to run, e.g. `status Fileserver02 Replication`. */
  PICK_SUGGESTION: 'pick_suggestion',
  /**
   * Button value: what is claimed: an incident key (`<job key>|<channel>`), `protection:<episode key>` or a
   * failover's record key (`failover:<uid>|<channel>`); "I'm on it".
   */
  CLAIM: 'incident_claim',
  /** Button value: the Claim button's; claims what someone else has. */
  TAKE_OVER: 'incident_take_over',
  /** Button value: an incident key or `protection:<episode key>` (a job's); offers the snooze durations. */
  SNOOZE: 'incident_snooze',
  /** Button value: `<duration>|<Snooze button's value>` (`1h`, `4h`, `24h`, `success`). */
  SNOOZE_FOR: 'incident_snooze_for',
  /** Button value: `<action>|<job name>` (`retry`, `start`, `stop`); asks to confirm a job action (operators only). */
  JOB_ACTION: 'job_action',
  /** A url button opening the Enterprise Manager web UI. */
  OPEN_IN_EM: 'open_in_em',
} as const;

export type ActionIdBase = (typeof ActionId)[keyof typeof ActionId];

export const FOLLOW_LINK = ActionId.FOLLOW_LINK;
export const SHARE_IN_CHANNEL = ActionId.SHARE_IN_CHANNEL;
export const FOLLOW_FAILOVER = ActionId.FOLLOW_FAILOVER;
export const PICK_SUGGESTION = ActionId.PICK_SUGGESTION;
export const OPEN_IN_EM = ActionId.OPEN_IN_EM;

/** The block_id of the one-line error answer (buildErrorView): error answers are never shared. */
export const ERROR_BLOCK_ID = 'error';

/** The action id of the n-th button of a message, e.g. `em_follow_link:3`. */
export function numberedActionId(base: string, n: number): string {
  return `${base}:${n}`;
}

/** A RegExp matching a base action id with or without its `:<n>` suffix, for `app.action(...)`. */
export function actionIdMatcher(base: string): RegExp {
  return new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?$`);
}

/** The callback_id of the job action confirmation modal, matched by the view_submission listener. */
export const JOB_ACTION_CALLBACK_ID = 'job_action_confirm';
