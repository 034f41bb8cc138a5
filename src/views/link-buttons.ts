import type { Button } from './format/block-kit.js';
import type { EmLink } from '../em/types.js';
import { button } from './blocks.js';
import { FOLLOW_LINK } from './ids.js';

/** Up links the bot renders (followLink shows a job, policy or plan with its sessions, a server's fields). */
const UP_LABELS: Record<string, string> = {
  JobReference: 'Job',
  CdpPolicyReference: 'CDP policy',
  CloudFailoverPlanReference: 'Failover plan',
  BackupServerReference: 'Backup server',
};

const isSessionRef = (type: string): boolean => /SessionReference$/.test(type);
/** A Down link to task sessions: the only list the bot renders (jobs, repositories, credentials… it does not). */
const isTaskList = (type: string): boolean => /TaskSession/i.test(type);

/**
 * What the button opens (`Job`, `Backup server`, `Session`, `Task sessions`), or undefined when the bot has no
 * view for it. The name stays out of the label (Slack cuts long labels); the view shows it in its text.
 */
export function linkLabel(link: EmLink): string | undefined {
  const type = link.type ?? '';
  if (link.rel === 'Down') return isTaskList(type) ? 'Task sessions' : undefined;
  if (link.rel !== 'Up') return undefined;
  return UP_LABELS[type] ?? (isSessionRef(type) ? 'Session' : undefined);
}

/** The owner (job, policy, plan) first, then the parent session, the backup server, and the Down links last. */
function linkOrder(link: EmLink): number {
  if (link.rel === 'Down') return 3;
  if (link.type === 'BackupServerReference') return 2;
  return isSessionRef(link.type ?? '') ? 1 : 0;
}

/**
 * FOLLOW_LINK buttons for the links the bot can render: Up links (job, policy, plan, parent session, backup server)
 * and Down links to task sessions; one per distinct href and label, at most `max` of them.
 */
export function linkButtons(links: EmLink[], max = 5): Button[] {
  const seen = new Set<string>();
  const out: Button[] = [];
  for (const link of [...links].sort((a, b) => linkOrder(a) - linkOrder(b))) {
    if (out.length >= max) break;
    const label = linkLabel(link);
    if (!label || !link.href || seen.has(link.href) || seen.has(label)) continue;
    seen.add(link.href).add(label);
    out.push(button(FOLLOW_LINK, label, { value: link.href }));
  }
  return out;
}
