import type { Repository } from '../em/estate-types.js';
import { context, header, section } from './blocks.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn, literalName } from './format/escape-mrkdwn.js';
import { progressBar } from './format/progress-bar.js';
import { andMore, truncate } from './format/truncate.js';
import { finishView } from './finish-view.js';

/** How many repositories one answer lists (one section each, inside Block Kit's 50 blocks). */
export const REPOS_SHOWN = 40;

const TB = 1024 ** 4;
const GB = 1024 ** 3;
const size = (bytes: number | undefined): string =>
  bytes === undefined ? '?' : bytes >= TB ? `${(bytes / TB).toFixed(1)} TB` : `${(bytes / GB).toFixed(1)} GB`;

function levelEmoji(freePercent: number | undefined, levels: { warn: number; crit: number }): string {
  if (freePercent === undefined) return ':white_circle:';
  if (freePercent < levels.crit) return ':red_circle:';
  return freePercent < levels.warn ? ':large_orange_circle:' : ':large_green_circle:';
}

/** `/veeam repos`: repositories worst first (least free space), each with capacity, free space and a used bar. */
export function buildReposView(
  repositories: readonly Repository[],
  opts: { warnPercent: number; critPercent: number },
): SlackMessage {
  const levels = { warn: opts.warnPercent, crit: opts.critPercent };
  const sorted = [...repositories].sort((a, b) => (a.freePercent ?? 101) - (b.freePercent ?? 101));
  const shown = sorted.slice(0, REPOS_SHOWN).map((repo, i) => {
    const used = repo.freePercent === undefined ? undefined : 100 - repo.freePercent;
    const server = repo.backupServerName ? ` on ${literalName(truncate(repo.backupServerName, 100))}` : '';
    const free = repo.freePercent === undefined ? '?' : `${repo.freePercent.toFixed(1)} %`;
    return section(
      `${levelEmoji(repo.freePercent, levels)} ${boldName(truncate(repo.name, 150))}${server}\n` +
        `${size(repo.freeBytes)} free of ${size(repo.capacityBytes)} (${free}) \`${progressBar(used, 20)}\` used`,
      `repo_${i}`,
    );
  });
  const low = sorted.filter((r) => r.freePercent !== undefined && r.freePercent < levels.warn).length;
  const text = `${sorted.length} repositories, ${low} below ${levels.warn} % free`;
  const blocks: KnownBlock[] = [header('Repositories'), ...shown];
  if (sorted.length > shown.length)
    blocks.push(context([escapeMrkdwn(andMore(sorted.length - shown.length))], 'repos_more'));
  if (sorted.length === 0) blocks.push(section('No repositories.', 'repos_none'));
  return finishView(text, blocks);
}
