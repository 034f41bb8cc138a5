import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';

/** Members of a Slack user group (Slack: `usergroups.users.list`). */
export type GroupMembers = (groupId: string) => Promise<readonly string[]>;

/** Who may run job actions. */
export interface JobOperators {
  isOperator(userId: string): Promise<boolean>;
  /** Whom to ask, as mrkdwn mentions (users and groups), or a sentence when nobody may act. */
  readonly whoToAsk: string;
}

const GROUP_TTL_MS = 5 * 60_000;

/**
 * OPERATORS for job actions: unset or empty means nobody. User IDs match directly; group IDs (`S…`) are
 * expanded through `members`, cached for five minutes; a failed expansion counts as "not a member" (fail closed).
 */
export function createJobOperators(deps: {
  operators: readonly string[] | undefined;
  members?: GroupMembers;
  clock: Clock;
  logger: Logger;
}): JobOperators {
  const ids = deps.operators ?? [];
  const cache = new Map<string, { at: number; users: readonly string[] }>();
  const groupHas = async (group: string, userId: string): Promise<boolean> => {
    const cached = cache.get(group);
    if (cached && deps.clock.now() - cached.at < GROUP_TTL_MS) return cached.users.includes(userId);
    if (!deps.members) return false;
    try {
      const users = await deps.members(group);
      cache.set(group, { at: deps.clock.now(), users });
      return users.includes(userId);
    } catch (error) {
      deps.logger.warn({ group, err: String(error) }, 'could not expand an OPERATORS user group');
      return false;
    }
  };
  return {
    async isOperator(userId) {
      if (ids.includes(userId)) return true;
      for (const group of ids.filter((id) => id.startsWith('S'))) {
        if (await groupHas(group, userId)) return true;
      }
      return false;
    },
    whoToAsk:
      ids.length === 0
        ? 'nobody may (OPERATORS is empty)'
        : ids.map((id) => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`)).join(', '),
  };
}
