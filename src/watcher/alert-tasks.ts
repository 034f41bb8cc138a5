import type { EmClient } from '../em/client.js';
import { taskSessionsOf } from '../em/lookups.js';
import { inCreationOrder, readTaskLists } from '../em/task-lists.js';
import type { Session, TaskSession } from '../em/types.js';
import type { Logger } from '../shared/logger.js';
import type { AlertSubject } from './alert-subject.js';

/** The task lists (the VMs and reasons) of one poll's alerts: read ahead in batches, else one by one. */
export interface AlertTaskLists {
  /** Reads the lists of these subjects' sessions in batched queries; a failure only leaves them to `of`. */
  readAhead(subjects: AlertSubject[]): Promise<void>;
  /**
   * The list of one subject, oldest task first: as read ahead, or through its session's Down link (put in the
   * same order, so an alert shows the same whichever way its list was read); none for CDP task alerts.
   */
  of(subject: AlertSubject): Promise<TaskSession[]>;
}

/** Task lists for one poll; what it read ahead is kept for that poll only (the lists of later polls may differ). */
export function createAlertTaskLists(client: EmClient, logger: Logger): AlertTaskLists {
  const read = new Map<string, TaskSession[]>();
  return {
    async readAhead(subjects) {
      const sessions = subjects
        .map((subject) => subject.session)
        .filter((session): session is Session => session !== undefined && !read.has(session.uid));
      if (sessions.length < 2) return;
      const { lists, errors } = await readTaskLists(client, sessions).catch((error: unknown) => ({
        lists: new Map<string, TaskSession[]>(),
        errors: [error],
      }));
      for (const [uid, tasks] of lists) read.set(uid, tasks);
      if (errors.length > 0)
        logger.warn(
          { failed: errors.length, err: String(errors[0]) },
          'could not read task lists in a batch; reading them one by one',
        );
    },
    async of(subject) {
      if (!subject.session) return [];
      return read.get(subject.session.uid) ?? inCreationOrder(await taskSessionsOf(client, subject.session));
    },
  };
}
