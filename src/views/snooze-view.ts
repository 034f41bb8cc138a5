import type { SlackMessage } from './format/block-kit.js';
import { boldName } from './format/escape-mrkdwn.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { actions, button, context, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { ActionId } from './ids.js';

/** The snooze choices: the button label and the value's duration word. */
export const SNOOZE_CHOICES = [
  { label: '1 h', duration: '1h' },
  { label: '4 h', duration: '4h' },
  { label: '24 h', duration: '24h' },
  { label: 'Until it succeeds', duration: 'success' },
] as const;

/** The ephemeral choice of how long to snooze one job (`Snooze` on an alert). */
export function buildSnoozeChoiceView(jobName: string, incidentKey: string): SlackMessage {
  const line = `:zzz: Snooze the alerts of ${boldName(truncate(jobName, 200))} for how long? (at most 24 h)`;
  const buttons = SNOOZE_CHOICES.map((c) =>
    button(ActionId.SNOOZE_FOR, c.label, { value: `${c.duration}|${incidentKey}` }),
  );
  return finishView(line, [section(line, 'snooze'), actions(buttons, 'snooze_actions')]);
}

/** The thread line of a snooze: who, until when, and whether a success ends it sooner. No mention: no ping. */
export function buildSnoozedLineView(opts: {
  name: string;
  until: Date;
  untilSuccess: boolean;
}): SlackMessage {
  const ends = opts.untilSuccess ? ' or until the job succeeds' : '';
  const line = `:zzz: snoozed by ${boldName(truncate(opts.name, 80))} until ${slackDate(opts.until)}${ends}`;
  return finishView(line, [context([line], 'snoozed')]);
}
