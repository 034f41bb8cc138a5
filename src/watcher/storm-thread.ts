import type { WatcherConfig } from '../config/load-config.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import type { PollContext } from './poll-context.js';

/** How many alerts of a storm get their full view in the summary's thread; the rest are in the listing commands. */
export const STORM_DETAILS_CAP = 20;

/** True when a channel's batch of new alerts is a storm: more than STORM_THRESHOLD at once. */
export function isStorm(count: number, config: Pick<WatcherConfig, 'stormThreshold'>): boolean {
  return count > config.stormThreshold;
}

/** ALERT_MENTION when a storm holds a Failed alert, else ALERT_MENTION_WARNING when it holds a Warning one. */
export function stormMention(
  config: Pick<WatcherConfig, 'mentionFailed' | 'mentionWarning'>,
  results: Iterable<string>,
): string | undefined {
  const seen = new Set(results);
  if (seen.has('Failed')) return config.mentionFailed;
  return seen.has('Warning') ? config.mentionWarning : undefined;
}

/** One alert of a storm as its thread shows it: rendered when posted (the render may ask EM for more). */
export interface StormDetail {
  /** Names the alert in a log line when its detail cannot be posted. */
  id: string;
  render: () => Promise<SlackMessage>;
}

/**
 * The first STORM_DETAILS_CAP details (the caller orders them worst first) in the summary's thread. Details are a
 * courtesy: the summary already counted every alert, so a detail that fails is logged and skipped.
 */
export async function postStormDetails(
  ctx: Pick<PollContext, 'chat' | 'logger'>,
  channel: string,
  threadTs: string,
  details: StormDetail[],
): Promise<void> {
  for (const detail of details.slice(0, STORM_DETAILS_CAP)) {
    try {
      const message = await detail.render();
      await ctx.chat.post({ channel, threadTs, ...message });
    } catch (error) {
      ctx.logger.warn({ channel, id: detail.id, err: String(error) }, 'could not post a storm detail');
    }
  }
}
