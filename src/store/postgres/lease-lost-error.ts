import { AppError, ErrorCode } from '../../shared/errors.js';

/** A write or post by a replica that is no longer the watcher's leader: refused, and the replica steps down. */
export class LeaseLostError extends AppError {
  readonly fencing: bigint;

  constructor(fencing: bigint) {
    super(
      ErrorCode.LeaseLost,
      `the watcher lease moved on from fencing token ${fencing}; this replica steps down`,
    );
    this.fencing = fencing;
  }
}
