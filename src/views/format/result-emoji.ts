/** What a result emoji depends on: the result, and the state to tell running from finished. */
export interface ResultLike {
  result: string;
  state?: string;
  endTime?: Date | undefined;
}

const RUNNING_STATES = new Set([
  'Starting',
  'Working',
  'Pausing',
  'Resuming',
  'Stopping',
  'InProgress',
  'Pending',
]);

/** True when the session or task is still running (no final result yet). */
export function isRunning(item: ResultLike): boolean {
  if (item.endTime !== undefined || item.state === 'Stopped' || item.state === 'Completed') return false;
  if (item.state !== undefined && RUNNING_STATES.has(item.state)) return true;
  // EM reports `None` while running (docs/em-protocol.md, "Result is None while a session runs"), so an unknown state with no result counts as running.
  return item.result === 'None' || item.result === '';
}

/** The emoji for a result: Success, Warning, Failed, running (or `None`) and anything else. */
export function resultEmoji(item: ResultLike): string {
  switch (item.result) {
    case 'Success':
      return ':white_check_mark:';
    case 'Warning':
      return ':warning:';
    case 'Failed':
      return ':x:';
    default:
      return isRunning(item) ? ':hourglass_flowing_sand:' : ':grey_question:';
  }
}

/** The result as people read it: `Running` for `None` while running. */
export function resultLabel(item: ResultLike): string {
  if (item.result === 'None' || item.result === '') return isRunning(item) ? 'Running' : 'None';
  return item.result;
}

/** Sort rank, worst first: Failed 0, Warning 1, running/None 2, unknown 3, Success 4. */
export function resultRank(result: string): number {
  const ranks: Record<string, number> = { Failed: 0, Warning: 1, None: 2, '': 2, Success: 4 };
  return ranks[result] ?? 3;
}
