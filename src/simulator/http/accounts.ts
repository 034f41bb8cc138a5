/** EM REST roles the simulator knows (docs/em-protocol.md, "Roles for job actions"). */
export const PORTAL_USER = 'Portal User';
export const PORTAL_ADMINISTRATOR = 'Portal Administrator';

/** A logon account with its EM role. */
export interface Account {
  user: string;
  password: string;
  role: string;
}

/** The account that may run job and plan actions (`operator`/`operator`, Portal Administrator). */
export const OPERATOR_ACCOUNT: Account = {
  user: 'operator',
  password: 'operator',
  role: PORTAL_ADMINISTRATOR,
};

/** Whether a role may start, stop, retry or sync jobs and start or test cloud failover plans. */
export function mayRunActions(role: string): boolean {
  return role === PORTAL_ADMINISTRATOR;
}
