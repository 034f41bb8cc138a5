import type { EmLink, Session, TaskSession } from '../../../src/em/types.js';
import {
  buildCdpSession,
  buildFailoverSession,
  buildFailoverTask,
  buildJobSession,
  buildTaskSession,
} from '../../helpers/build-session.js';

/** Strings an EM server (or a person naming a VM) could send that must never ping or link. */
export const EVIL = {
  vm: '<!channel>',
  reason: '<https://evil.example|click>',
  name: 'Backup & Restore <!here> <@U0123> <#C999|general>',
  long: 'x<!everyone>&'.repeat(800),
};

/** 200 links, most with hostile names and some with hrefs too long for a button value. */
export function evilLinks(): EmLink[] {
  return Array.from({ length: 200 }, (_, i) => ({
    rel: i % 3 === 0 ? 'Down' : 'Up',
    type: i % 2 ? 'JobReference' : 'BackupServerReference',
    href: i % 7 === 0 ? `https://em/${'a'.repeat(2100)}` : `https://em.example.local:9398/api/jobs/${i}`,
    name: `${EVIL.name} ${EVIL.long.slice(0, 100)} ${i}`,
  }));
}

/** 500 task sessions: failed and warning ones with hostile, 10,000-character reasons. */
export function evilTasks(count = 500): TaskSession[] {
  return Array.from({ length: count }, (_, i) =>
    buildTaskSession({
      vmName: i % 2 ? EVIL.vm : `${EVIL.name} ${i}`,
      result: i % 3 === 0 ? 'Failed' : i % 3 === 1 ? 'Warning' : 'Success',
      reason: `${EVIL.reason} ${EVIL.long}`,
      links: evilLinks(),
    }),
  );
}

const common = {
  name: `${EVIL.name} ${EVIL.long}`,
  jobName: `${EVIL.name} ${EVIL.long}`,
  failureMessage: `${EVIL.reason} ${EVIL.long}`,
  state: '<!channel>',
  links: evilLinks(),
};

/** One hostile session of each kind. */
export function evilSessions(): Session[] {
  return [
    buildJobSession({ ...common, result: 'Failed', jobType: '<!here>' }),
    buildCdpSession({ ...common, result: 'Warning' }),
    buildFailoverSession({
      ...common,
      result: '<!channel>',
      tasks: Array.from({ length: 500 }, (_, i) =>
        buildFailoverTask({ vmName: `${EVIL.vm}${i}`, failureMessage: EVIL.long, state: EVIL.reason }),
      ),
    }),
  ];
}

/** Many hostile sessions for list views (a new name every 3 so grouping by job makes many groups). */
export function manyEvilSessions(count = 300): Session[] {
  return Array.from({ length: count }, (_, i) =>
    buildJobSession({
      ...common,
      jobName: `${EVIL.name} ${Math.floor(i / 3)} ${EVIL.long.slice(0, 500)}`,
      result: i % 2 ? 'Failed' : 'Warning',
      href: `https://em.example.local:9398/api/backupSessions/${i}?format=Entity`,
    }),
  );
}
