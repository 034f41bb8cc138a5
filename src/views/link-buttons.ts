import type { Button } from './format/block-kit.js';
import type { EmLink } from '../em/types.js';
import { button } from './blocks.js';
import { FOLLOW_LINK } from './ids.js';

const UP_LABELS: Record<string, string> = {
  JobReference: 'Job',
  BackupServerReference: 'Backup server',
  CdpPolicyReference: 'Policy',
  CloudFailoverPlanReference: 'Plan',
};

/** The label of a link button: `Job: <name>`, `Backup server: <name>`, `Session: <name>`, `Task sessions`. */
export function linkLabel(link: EmLink): string {
  if (link.rel === 'Down') return /Task/i.test(link.type ?? '') ? 'Task sessions' : 'Details';
  const type = link.type ?? '';
  const kind = UP_LABELS[type] ?? (/SessionReference$/.test(type) ? 'Session' : 'Parent');
  return link.name ? `${kind}: ${link.name}` : kind;
}

/** The owner (job, policy, plan) first, then the parent session, the backup server, and the Down links last. */
function linkOrder(link: EmLink): number {
  if (link.rel === 'Down') return 3;
  if (link.type === 'BackupServerReference') return 2;
  return /SessionReference$/.test(link.type ?? '') ? 1 : 0;
}

/**
 * FOLLOW_LINK buttons for a resource's Up links (job, backup server, parent session) and Down links (task
 * sessions), one per distinct href, at most `max` of them.
 */
export function linkButtons(links: EmLink[], max = 5): Button[] {
  const seen = new Set<string>();
  const out: Button[] = [];
  for (const link of [...links].sort((a, b) => linkOrder(a) - linkOrder(b))) {
    if (out.length >= max) break;
    if ((link.rel !== 'Up' && link.rel !== 'Down') || !link.href || seen.has(link.href)) continue;
    seen.add(link.href);
    out.push(button(FOLLOW_LINK, linkLabel(link), { value: link.href }));
  }
  return out;
}
