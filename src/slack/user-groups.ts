import type { webApi } from '@slack/bolt';
import type { GroupMembers } from '../commands/job-actions/operators.js';
import { toSlackApiError } from './slack-api-error.js';

/** The members of a Slack user group, by `usergroups.users.list` (needs `usergroups:read`). */
export function createGroupMembers(client: webApi.WebClient): GroupMembers {
  return async (groupId) => {
    try {
      const answer = await client.usergroups.users.list({ usergroup: groupId });
      return answer.users ?? [];
    } catch (error) {
      throw toSlackApiError('usergroups.users.list', error);
    }
  };
}
