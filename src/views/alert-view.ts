import type { Session, TaskSession } from '../em/types.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { slackDate } from './format/slack-date.js';
import { truncate } from './format/truncate.js';
import { context, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { incidentControlBlocks, type IncidentControls } from './incident-controls.js';
import { sessionBlocks, sessionText } from './session-view.js';

/** How the alert's incident stands: failures in a row, retries, and whether it recovered. */
export interface Incident {
  failures: number;
  retries: number;
  recoveredAt?: Date;
  lastResult?: string;
}

/** Options of buildAlertView. */
export interface AlertViewOptions {
  tasks: TaskSession[];
  /** A Slack mention from config (`<!subteam^ID>`, `<@U123>`), chosen by the caller per result; put first, not escaped. */
  mention?: string;
  incident?: Incident;
  emWebUrl?: string;
  now: Date;
  /** An open incident's claim line and Claim / Snooze buttons. */
  controls?: IncidentControls;
}

/** The incident line: `failed, retry 2 also failed`, `failed 3 times in a row` or `:white_check_mark: recovered at <date>`. */
export function incidentText(incident: Incident): string | undefined {
  if (incident.recoveredAt) return `:white_check_mark: recovered at ${slackDate(incident.recoveredAt)}`;
  const last = escapeMrkdwn(truncate((incident.lastResult ?? 'failed').toLowerCase(), 40));
  if (incident.retries > 0)
    return `failed, retry ${incident.retries} also ${last === 'none' ? 'failed' : last}`;
  if (incident.failures > 1) return `failed ${incident.failures} times in a row`;
  return undefined;
}

/** A Warning or Failed alert: the mention when given, the session view with its problem VMs, and the incident line. */
export function buildAlertView(session: Session, opts: AlertViewOptions): SlackMessage {
  const mention = opts.mention;
  const blocks: KnownBlock[] = [];
  // The mention alone: the header right under it already says what failed.
  if (mention) blocks.push(section(mention, 'mention'));
  const body = sessionBlocks(session, { tasks: opts.tasks, emWebUrl: opts.emWebUrl, now: opts.now });
  const incident = opts.incident ? incidentText(opts.incident) : undefined;
  // The incident line goes right under the header, where a phone shows it without scrolling.
  const [head, ...rest] = body;
  if (head) blocks.push(head);
  if (incident) blocks.push(context([incident], 'incident'));
  blocks.push(...rest);
  if (opts.controls) blocks.push(...incidentControlBlocks(opts.controls));
  const text = [mention, sessionText(session), incident].filter(Boolean).join(' ');
  return finishView(text, blocks);
}
