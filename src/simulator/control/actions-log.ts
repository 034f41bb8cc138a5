import { formatEmDate } from '../util/dates.js';

/** One job or plan action as `GET /_sim/actions` lists it; `taskId` only when the action was carried out. */
export interface ActionRecord {
  job: string;
  action: string;
  user: string;
  /** ISO time on the simulator's clock. */
  at: string;
  status: number;
  taskId?: string;
  /** Present (true) when the action was refused, whatever the answer (403, 4xx, or a 202 task that fails). */
  refused?: boolean;
  /** Why it was refused. */
  message?: string;
}

/** Every job and plan action the simulator received, refused ones included, in arrival order. */
export class ActionsLog {
  private readonly records: ActionRecord[] = [];

  /** Adds one record; `at` is scenario-clock milliseconds. */
  record(entry: Omit<ActionRecord, 'at'> & { at: number }): void {
    const { at, ...rest } = entry;
    this.records.push({ ...rest, at: formatEmDate(at) });
  }

  /** A copy of the records, oldest first. */
  list(): ActionRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records.length = 0;
  }
}
