/** A bad query (unknown type or field, bad value, bad paging); routes answer it with 400 (quirks Q11). */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
