import { AppError, ErrorCode } from '../shared/errors.js';
import { buildHelpView } from '../views/help-view.js';
import { cdpCommand } from './handlers/cdp.js';
import { failoverCommand } from './handlers/failover.js';
import { jobActionCommand } from './handlers/job-action.js';
import { muteCommand, unmuteCommand } from './handlers/mute.js';
import { failuresCommand, runningCommand } from './handlers/problems.js';
import { protectionCommand } from './handlers/protection.js';
import { reportCommand } from './handlers/report.js';
import { reposCommand } from './handlers/repos.js';
import { rpoCommand } from './handlers/rpo.js';
import { sessionCommand } from './handlers/session.js';
import { statusCommand } from './handlers/status.js';
import { subscribeCommand } from './handlers/subscribe.js';
import { subscriptionsCommand } from './handlers/subscriptions.js';
import { unsubscribeCommand } from './handlers/unsubscribe.js';
import { vmCommand } from './handlers/vm.js';
import type { CommandHandler } from './types.js';

/** One `/veeam` subcommand: everything the parser, `help`, the dispatcher and the manifest check need. */
export interface CommandSpec {
  readonly name: string;
  /** The subcommand with its arguments, as `help` shows it, e.g. `status <job or policy>`. */
  readonly usage: string;
  /** What it answers, in a few words. */
  readonly summary: string;
  readonly handler: CommandHandler;
}

const helpCommand: CommandHandler = async () => buildHelpView(COMMANDS);

/** Every `/veeam` subcommand, once, in the order `help` lists them (the order people need them). */
export const COMMANDS = [
  { name: 'help', usage: 'help', summary: 'this card', handler: helpCommand },
  {
    name: 'status',
    usage: 'status <job or policy>',
    summary: 'the latest sessions of a job or CDP policy',
    handler: statusCommand,
  },
  {
    name: 'vm',
    usage: 'vm <vm name>',
    summary: 'the latest backups and replicas of a VM',
    handler: vmCommand,
  },
  {
    name: 'session',
    usage: 'session <uid, id or href>',
    summary: 'one session in detail',
    handler: sessionCommand,
  },
  {
    name: 'failover',
    usage: 'failover [plan]',
    summary: 'cloud failover sessions, with live progress',
    handler: failoverCommand,
  },
  { name: 'cdp', usage: 'cdp [policy]', summary: 'CDP policy sessions and their VMs', handler: cdpCommand },
  {
    name: 'failures',
    usage: 'failures [window, e.g. 24h]',
    summary: 'failed and warning sessions, grouped by job',
    handler: failuresCommand,
  },
  { name: 'running', usage: 'running', summary: 'sessions running now', handler: runningCommand },
  {
    name: 'subscribe',
    usage: 'subscribe [type:<type>] [job:<name or glob>] [server:<name>] [level:warning|failed]',
    summary: 'alerts in this channel',
    handler: subscribeCommand,
  },
  {
    name: 'subscriptions',
    usage: 'subscriptions',
    summary: 'the alerts this channel gets, and mutes',
    handler: subscriptionsCommand,
  },
  {
    name: 'unsubscribe',
    usage: 'unsubscribe <n|all>',
    summary: 'stop alert n (from `subscriptions`) or all',
    handler: unsubscribeCommand,
  },
  {
    name: 'mute',
    usage: 'mute <job> <duration>',
    summary: 'silence a job’s alerts for a while, e.g. `mute Fileserver 2h`',
    handler: muteCommand,
  },
  { name: 'unmute', usage: 'unmute <job>', summary: 'end a mute', handler: unmuteCommand },
  {
    name: 'protection',
    usage: 'protection [job or VM]',
    summary: 'jobs and VMs by protection state; one job’s VMs, or one VM’s newest restore points',
    handler: protectionCommand,
  },
  {
    name: 'repos',
    usage: 'repos',
    summary: 'repositories by free space, worst first',
    handler: reposCommand,
  },
  {
    name: 'report',
    usage: 'report [window, e.g. 7d]',
    summary: 'the digest on demand: results by type, problem jobs, the 7-day trend (chart when shared)',
    handler: reportCommand,
  },
  {
    name: 'rpo',
    usage: 'rpo <job> <duration|auto>',
    summary: 'set a job’s RPO, e.g. `rpo Fileserver 36h`, or `auto` to learn it again',
    handler: rpoCommand,
  },
  {
    name: 'retry',
    usage: 'retry <job>',
    summary: 'retry a job’s failed VMs, after a confirmation (operators, JOB_ACTIONS=on)',
    handler: jobActionCommand('retry'),
  },
  {
    name: 'start',
    usage: 'start <job>',
    summary: 'start a job now, after a confirmation (operators, JOB_ACTIONS=on)',
    handler: jobActionCommand('start'),
  },
  {
    name: 'stop',
    usage: 'stop <job>',
    summary: 'stop a job’s running session, after a confirmation (operators, JOB_ACTIONS=on)',
    handler: jobActionCommand('stop'),
  },
] as const satisfies readonly CommandSpec[];

/** A subcommand name. */
export type Subcommand = (typeof COMMANDS)[number]['name'];

/** Every subcommand name, in registry order. */
export const COMMAND_NAMES: readonly Subcommand[] = COMMANDS.map((c) => c.name);

/** The registry entry of a parsed subcommand name. */
export function commandNamed(name: Subcommand): CommandSpec {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) throw new AppError(ErrorCode.Internal, `no subcommand ${name} in the registry`);
  return spec;
}
