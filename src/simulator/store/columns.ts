/** One row per session, struct-of-arrays so a million sessions cost a few tens of megabytes. */
export class SessionColumns {
  length = 0;
  kind = new Uint8Array(0);
  owner = new Uint32Array(0);
  creation = new Float64Array(0);
  /** NaN while the session runs (EndTimeUTC absent, docs/em-protocol.md, "End time is absent while running"). */
  end = new Float64Array(0);
  state = new Uint8Array(0);
  result = new Uint8Array(0);
  progress = new Uint8Array(0);
  retry = new Uint8Array(0);

  constructor(capacity: number) {
    this.grow(Math.max(16, capacity));
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Uint32Array | Float64Array>(old: T, next: T): T => {
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.kind = copy(this.kind, new Uint8Array(capacity));
    this.owner = copy(this.owner, new Uint32Array(capacity));
    this.creation = copy(this.creation, new Float64Array(capacity));
    this.end = copy(this.end, new Float64Array(capacity));
    this.state = copy(this.state, new Uint8Array(capacity));
    this.result = copy(this.result, new Uint8Array(capacity));
    this.progress = copy(this.progress, new Uint8Array(capacity));
    this.retry = copy(this.retry, new Uint8Array(capacity));
  }

  /** Appends a row and returns its index. */
  append(row: SessionRow): number {
    if (this.length === this.kind.length) this.grow(this.kind.length * 2);
    const i = this.length++;
    this.kind[i] = row.kind;
    this.owner[i] = row.owner;
    this.creation[i] = row.creation;
    this.end[i] = row.end;
    this.state[i] = row.state;
    this.result[i] = row.result;
    this.progress[i] = row.progress;
    this.retry[i] = row.retry ? 1 : 0;
    return i;
  }
}

/** The values of one session row. */
export interface SessionRow {
  kind: number;
  owner: number;
  creation: number;
  end: number;
  state: number;
  result: number;
  progress: number;
  retry: boolean;
}
